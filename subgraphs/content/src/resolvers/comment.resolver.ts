import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { addComment, deleteComment } from "../domain/posts/comments.ts";
import { Comment, toComment } from "../model/comment.ts";

@Resolver(() => Comment)
export class CommentResolver {
  @Authorized()
  @Mutation(() => Comment, {
    description: "Comments on a published post: PUBLISHED, or PENDING_REVIEW when it holds a listed word.",
  })
  async addComment(
    @Ctx() ctx: ContentContext,
    @Arg("postId", () => ID) postId: string,
    @Arg("body", () => String, { description: "1–2,000 characters." }) body: string,
  ): Promise<Comment> {
    return toComment(await addComment(ctx.deps.db, actorOf(ctx), postId, body));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes a comment (its author or an admin); its id." })
  async deleteComment(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<string> {
    return deleteComment(ctx.deps.db, actorOf(ctx), id);
  }
}
