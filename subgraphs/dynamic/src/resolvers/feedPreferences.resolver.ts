import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { DynamicContext } from "../context.ts";
import { getFeedPreferences, setFeedPreferences } from "../domain/preferences.ts";
import { FEED_TOPICS } from "../domain/topics.ts";
import { SetFeedPreferencesInput } from "../model/feedPreferences.inputs.ts";
import { FeedPreferences } from "../model/feedPreferences.ts";

@Resolver(() => FeedPreferences)
export class FeedPreferencesResolver {
  @Query(() => [String], { description: "The topics activities have, to mute or boost." })
  feedTopics(): string[] {
    return [...FEED_TOPICS];
  }

  @Authorized()
  @Query(() => FeedPreferences, { description: "The caller's feed preferences." })
  feedPreferences(@Ctx() ctx: DynamicContext): Promise<FeedPreferences> {
    return getFeedPreferences(ctx.deps.db, actorOf(ctx).userId);
  }

  /** PUT /users/{id}/preferences (the caller's own) */
  @Authorized()
  @Mutation(() => FeedPreferences, {
    description:
      "Sets the caller's muted and boosted topics and shared health activities; BAD_USER_INPUT for an unknown topic or a type that is not health-derived.",
  })
  setFeedPreferences(
    @Ctx() ctx: DynamicContext,
    @Arg("input", () => SetFeedPreferencesInput) input: SetFeedPreferencesInput,
  ): Promise<FeedPreferences> {
    return setFeedPreferences(ctx.deps, actorOf(ctx).userId, input);
  }
}
