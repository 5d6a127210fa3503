import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, ObjectType } from "type-graphql";
import type { CommentRow } from "../domain/posts/comments.ts";
import { ModerationStatus } from "./moderationStatus.ts";
import { User } from "./user.ts";

@ObjectType({ description: "A comment on a post, screened by the moderation word list." })
export class Comment {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  postId!: string;

  @Field(() => User)
  author!: User;

  @Field(() => String)
  body!: string;

  @Field(() => ModerationStatus, {
    description: "Anything but PUBLISHED is seen by its author and admins only.",
  })
  status!: ModerationStatus;

  @Field(() => String, { nullable: true, description: "Why an admin removed it (REMOVED only)." })
  removalReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const toComment = (row: CommentRow): Comment => ({
  id: row.id,
  postId: row.postId,
  author: { id: row.authorId },
  body: row.body,
  status: row.status,
  removalReason: row.removalReason,
  createdAt: row.createdAt,
});

@ObjectType()
export class CommentConnection extends Connection(Comment) {}

export const toCommentConnection = (page: Page<CommentRow>): CommentConnection =>
  toConnection(page, toComment);
