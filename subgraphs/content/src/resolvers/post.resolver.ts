import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst, pageRequest } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { CONTENT_PAGE_LIMITS } from "../domain/pagination.ts";
import { likePost, unlikePost } from "../domain/posts/likes.ts";
import { createPost, deletePost, listPosts, postById, updatePost } from "../domain/posts/posts.ts";
import { reportPost } from "../domain/posts/reports.ts";
import { CommentConnection, toCommentConnection } from "../model/comment.ts";
import { CreatePostInput, UpdatePostInput } from "../model/post.inputs.ts";
import { Post, PostConnection, toPost, toPostConnection } from "../model/post.ts";

@Resolver(() => Post)
export class PostResolver {
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => PostConnection, {
    description:
      "Published posts, newest first, by `authorId` and with a `tag` if given. Your own list (authorId = you) also holds your hidden and removed posts.",
  })
  async posts(
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("authorId", () => ID, { nullable: true }) authorId: string | null,
    @Arg("tag", () => String, { nullable: true }) tag: string | null,
  ): Promise<PostConnection> {
    return toPostConnection(await listPosts(ctx.deps.db, ctx.actor, { first, after, authorId, tag }));
  }

  @Query(() => Post, {
    description: "A published post (anyone); a hidden or removed one (its author, admins).",
  })
  async post(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Post> {
    return toPost(await postById(ctx.deps.db, ctx.actor, id));
  }

  /** POST /communities/posts */
  @Authorized()
  @Mutation(() => Post, {
    description:
      "A new post: PUBLISHED, or PENDING_REVIEW (seen by you and admins) when it holds a listed word.",
  })
  async createPost(
    @Ctx() ctx: ContentContext,
    @Arg("input", () => CreatePostInput) input: CreatePostInput,
  ): Promise<Post> {
    return toPost(await createPost(ctx.deps.db, actorOf(ctx), input));
  }

  @Authorized()
  @Mutation(() => Post, { description: "Changes your post's given fields (screened again; reindexed)." })
  async updatePost(
    @Ctx() ctx: ContentContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdatePostInput) input: UpdatePostInput,
  ): Promise<Post> {
    return toPost(await updatePost(ctx.deps.db, actorOf(ctx), id, input));
  }

  @Authorized()
  @Mutation(() => ID, { description: "Deletes a post with its comments (its author or an admin); its id." })
  async deletePost(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<string> {
    return deletePost(ctx.deps.db, actorOf(ctx), id);
  }

  @Authorized()
  @Mutation(() => Post, { description: "Likes a post once (post_liked); liking it again changes nothing." })
  async likePost(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Post> {
    return toPost(await likePost(ctx.deps.db, actorOf(ctx), id, new Date()));
  }

  @Authorized()
  @Mutation(() => Post, { description: "Takes your like back; without one, changes nothing." })
  async unlikePost(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<Post> {
    return toPost(await unlikePost(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Reports a post to the moderators (once per post; a repeat changes nothing). Enough distinct reporters hide it until an admin reviews it.",
  })
  async reportPost(
    @Ctx() ctx: ContentContext,
    @Arg("postId", () => ID) postId: string,
    @Arg("reason", () => String, { description: "1–500 characters." }) reason: string,
  ): Promise<boolean> {
    await reportPost(ctx.deps.db, actorOf(ctx), postId, reason, ctx.deps.postReportThreshold);
    return true;
  }

  @FieldResolver(() => Boolean, { description: "Whether the caller likes it (false for anonymous callers)." })
  likedByMe(@Root() post: Post, @Ctx() ctx: ContentContext): Promise<boolean> {
    return ctx.loaders.liked.load(post.id);
  }

  @FieldResolver(() => CommentConnection, {
    description: "Newest first: the published ones, and your own hidden or removed ones; all for admins.",
  })
  async comments(
    @Root() post: Post,
    @Ctx() ctx: ContentContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<CommentConnection> {
    pageRequest({ first, after }, CONTENT_PAGE_LIMITS); // a bad `first` or `after` is this field's error
    return toCommentConnection(await ctx.loaders.comments.load({ postId: post.id, first, after }));
  }
}
