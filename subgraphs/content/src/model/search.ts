import { Connection } from "@health/platform/graphql";
import { createUnionType, Field, Float, ObjectType } from "type-graphql";
import { Course } from "./course.ts";
import { Post } from "./post.ts";

/**
 * What `search` finds. A union so that questions (issue 11, M12) join it without changing the operation;
 * a client switches on `__typename` and reads each member's `highlight`.
 */
export const SearchItem = createUnionType({
  name: "SearchItem",
  description: "A course or a community post (questions come later).",
  types: () => [Course, Post] as const,
  resolveType: (item) => ("priceAmount" in item ? Course : Post),
});

@ObjectType({ description: "One thing `search` found and how relevant it is." })
export class SearchResult {
  @Field(() => Float, { description: "Higher is more relevant; comparable within one search only." })
  score!: number;

  @Field(() => SearchItem)
  item!: Course | Post;
}

@ObjectType()
export class SearchResultConnection extends Connection(SearchResult) {}
