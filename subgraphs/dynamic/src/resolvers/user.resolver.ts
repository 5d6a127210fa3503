import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { DynamicContext } from "../context.ts";
import { follow, listFollows, unfollow } from "../domain/follows.ts";
import { DEFAULT_PAGE_SIZE, pageSizeOf } from "../domain/pagination.ts";
import { Activity, toActivity } from "../model/activity.ts";
import { User, userRef } from "../model/user.ts";
import { toUserConnection, UserConnection } from "../model/userConnection.ts";

/** Follows, and the fields this subgraph adds to auth's `User`. */
@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Mutation(() => User, { description: "The caller follows the user (idempotent); returns that user." })
  async follow(@Ctx() ctx: DynamicContext, @Arg("userId", () => ID) userId: string): Promise<User> {
    await follow(ctx.deps, actorOf(ctx).userId, userId);
    return userRef(userId.toLowerCase());
  }

  @Authorized()
  @Mutation(() => User, {
    description: "The caller stops following the user (idempotent); returns that user.",
  })
  async unfollow(@Ctx() ctx: DynamicContext, @Arg("userId", () => ID) userId: string): Promise<User> {
    await unfollow(ctx.deps, actorOf(ctx).userId, userId);
    return userRef(userId.toLowerCase());
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => UserConnection, { description: "Who follows the user, most recent first." })
  async followers(
    @Ctx() ctx: DynamicContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<UserConnection> {
    return toUserConnection(await listFollows(ctx.deps.db, "followers", { userId, first, after }));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => UserConnection, { description: "Whom the user follows, most recent first." })
  async following(
    @Ctx() ctx: DynamicContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<UserConnection> {
    return toUserConnection(await listFollows(ctx.deps.db, "following", { userId, first, after }));
  }

  @FieldResolver(() => Int)
  followersCount(@Root() user: User, @Ctx() ctx: DynamicContext): Promise<number> {
    return ctx.loaders.followersCount.load(user.id);
  }

  @FieldResolver(() => Int)
  followingCount(@Root() user: User, @Ctx() ctx: DynamicContext): Promise<number> {
    return ctx.loaders.followingCount.load(user.id);
  }

  @FieldResolver(() => Boolean, { description: "False when signed out." })
  isFollowedByMe(@Root() user: User, @Ctx() ctx: DynamicContext): Promise<boolean> {
    return ctx.loaders.isFollowedByMe.load(user.id);
  }

  @ListSizedByFirst()
  @FieldResolver(() => [Activity], {
    description:
      "Newest first: PUBLIC ones, FOLLOWERS ones too if the caller follows this user, all of them for the user themself.",
  })
  async activities(
    @Root() user: User,
    @Ctx() ctx: DynamicContext,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
  ): Promise<Activity[]> {
    const rows = await ctx.loaders.activities.load({ userId: user.id, first: pageSizeOf(first) });
    return rows.map(toActivity);
  }
}
