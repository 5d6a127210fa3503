import { Connection, HighlightedText, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import type { Snippet } from "@health/platform/search";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import type { PostRow } from "../domain/posts/posts.ts";
import { ModerationStatus } from "./moderationStatus.ts";
import { User } from "./user.ts";

@ObjectType({ description: "What a search matched in the post." })
export class PostHighlight {
  @Field(() => HighlightedText, { nullable: true })
  title!: Snippet | null;

  @Field(() => HighlightedText, { nullable: true })
  body!: Snippet | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: "A community post (M11): comments, likes, reports; screened by the moderation word list.",
})
export class Post {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  author!: User;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => ModerationStatus, {
    description: "Anything but PUBLISHED is seen by its author and admins only.",
  })
  status!: ModerationStatus;

  @Field(() => String, { nullable: true, description: "Why an admin removed it (REMOVED only)." })
  removalReason!: string | null;

  @Field(() => Int)
  likeCount!: number;

  @Field(() => PostHighlight, { nullable: true, description: "With `search`, what matched; null otherwise." })
  highlight!: PostHighlight | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toPost = (row: PostRow, snippets: Record<string, Snippet | null> | null = null): Post => ({
  id: row.id,
  author: { id: row.authorId },
  title: row.title,
  body: row.body,
  tags: row.tags,
  status: row.status,
  removalReason: row.removalReason,
  likeCount: row.likeCount,
  highlight: snippets ? { title: snippets.title ?? null, body: snippets.body ?? null } : null,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@ObjectType()
export class PostConnection extends Connection(Post) {}

export const toPostConnection = (page: Page<PostRow>): PostConnection =>
  toConnection(page, (row) => toPost(row));
