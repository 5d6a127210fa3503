import { Connection } from "@health/platform/graphql";
import { createUnionType, Field, Float, ObjectType } from "type-graphql";
import { Course } from "./course.ts";
import { Post } from "./post.ts";
import { Question } from "./question.ts";

/**
 * What `search` finds; a client switches on `__typename` and reads each member's `highlight`. A union, so
 * that another kind joins it without changing the operation.
 */
export const SearchItem = createUnionType({
  name: "SearchItem",
  description: "A course, a community post or a question.",
  types: () => [Course, Post, Question] as const,
  resolveType: (item) => ("priceAmount" in item ? Course : "asker" in item ? Question : Post),
});

@ObjectType({ description: "One thing `search` found and how relevant it is." })
export class SearchResult {
  @Field(() => Float, { description: "Higher is more relevant; comparable within one search only." })
  score!: number;

  @Field(() => SearchItem)
  item!: Course | Post | Question;
}

@ObjectType()
export class SearchResultConnection extends Connection(SearchResult) {}
