import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { DynamicContext } from "../context.ts";
import { readFeed } from "../domain/feed.ts";
import { activityOf, FEED_UPDATED, type FeedUpdatedMessage } from "../domain/feedUpdates.ts";
import { likeActivity } from "../domain/likes.ts";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination.ts";
import { logSharedReads, sharedReadsOf } from "../domain/sharedReads.ts";
import { DEFAULT_TRENDING_WINDOW_HOURS, readTrending } from "../domain/trending.ts";
import { Activity, ActivityConnection, toActivity, toActivityConnection } from "../model/activity.ts";
import { SharedActivityRead, toSharedActivityRead } from "../model/sharedActivityRead.ts";

@Resolver(() => Activity)
export class ActivityResolver {
  /** GET /users/{id}/feed (the caller's own) */
  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => ActivityConnection, {
    description:
      "The caller's feed: their own activities and the PUBLIC and FOLLOWERS ones of users they follow, muted topics left out, boosted topics ranked six hours newer; newest first.",
  })
  async feed(
    @Ctx() ctx: DynamicContext,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ActivityConnection> {
    const page = await readFeed(ctx.deps, actorOf(ctx).userId, { first, after });
    return toActivityConnection(page);
  }

  /** GET /trending */
  // Ranking scans the window's activities: dearer than reading a page.
  @Directive("@cost(weight: 5)")
  @ListSizedByFirst()
  @Query(() => [Activity], {
    description:
      "PUBLIC activities of the last `window` hours by (likes + 2·comments + 1) / (ageHours + 2)^1.5, highest first.",
  })
  async trending(
    @Ctx() ctx: DynamicContext,
    @Arg("window", () => Int, { defaultValue: DEFAULT_TRENDING_WINDOW_HOURS, description: "Hours, 1–168." })
    window: number,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
  ): Promise<Activity[]> {
    return (await readTrending(ctx.deps.db, { window, first }, new Date())).map(toActivity);
  }

  @Authorized()
  @Mutation(() => Activity, {
    description: "Likes an activity the caller can see; liking again changes nothing.",
  })
  async likeActivity(@Ctx() ctx: DynamicContext, @Arg("id", () => ID) id: string): Promise<Activity> {
    return toActivity(await likeActivity(ctx.deps.db, actorOf(ctx).userId, id));
  }

  @Authorized()
  @Subscription(() => Activity, {
    topics: FEED_UPDATED,
    topicId: ({ context }: { context: DynamicContext }) => actorOf(context).userId,
    // The subject already names the recipient; checked again so a message can never cross users.
    filter: ({ payload, context }: { payload: FeedUpdatedMessage; context: DynamicContext }) =>
      payload.recipientId === context.actor?.userId,
    description: "Each new activity that lands in the caller's feed, as it lands.",
  })
  async feedUpdated(@Root() message: FeedUpdatedMessage, @Ctx() ctx: DynamicContext): Promise<Activity> {
    const activity = activityOf(message.activity);
    await logSharedReads(ctx.deps.db, message.recipientId, [activity]);
    return toActivity(activity);
  }

  @Authorized()
  @ListSizedByFirst()
  @Query(() => [SharedActivityRead], {
    description:
      "Who was shown the caller's shared health activities (feeds, profiles, `feedUpdated`), most recent read first.",
  })
  async sharedActivityReads(
    @Ctx() ctx: DynamicContext,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–100" }) first: number,
  ): Promise<SharedActivityRead[]> {
    return (await sharedReadsOf(ctx.deps.db, actorOf(ctx).userId, first)).map(toSharedActivityRead);
  }
}
