import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { TradeContext } from "../context.ts";
import { setCoachProfile } from "../domain/matching/coachProfiles.ts";
import { SetCoachProfileInput } from "../model/coachProfile.inputs.ts";
import { CoachProfile, toCoachProfile } from "../model/coachProfile.ts";

@Resolver(() => CoachProfile)
export class CoachProfileResolver {
  @Authorized("coach")
  @Query(() => CoachProfile, { nullable: true, description: "The calling coach's matching rules, if set." })
  async myCoachProfile(@Ctx() ctx: TradeContext): Promise<CoachProfile | null> {
    const profile = await ctx.loaders.coachProfile.load(actorOf(ctx).userId);
    return profile ? toCoachProfile(profile) : null;
  }

  @Authorized("coach")
  @Mutation(() => CoachProfile, {
    description: "Sets (replaces) the calling coach's matching rules: specialties, regions, capacity.",
  })
  async setCoachProfile(
    @Ctx() ctx: TradeContext,
    @Arg("input", () => SetCoachProfileInput) input: SetCoachProfileInput,
  ): Promise<CoachProfile> {
    return toCoachProfile(await setCoachProfile(ctx.deps.db, actorOf(ctx), input));
  }
}
