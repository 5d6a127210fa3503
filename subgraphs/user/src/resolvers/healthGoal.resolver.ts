import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { setHealthGoal } from "../domain/goals/goals.ts";
import { SetHealthGoalInput } from "../model/healthGoal.inputs.ts";
import { HealthGoal, toHealthGoal } from "../model/healthGoal.ts";

@Resolver(() => HealthGoal)
export class HealthGoalResolver {
  @Authorized()
  @Query(() => [HealthGoal], { description: "Owner, admin, or a coach (goals of the granted metrics)." })
  async healthGoals(@Ctx() ctx: UserContext, @Arg("userId", () => ID) userId: string): Promise<HealthGoal[]> {
    return (await ctx.loaders.healthGoals.load(userId)).map(toHealthGoal);
  }

  /** PUT /users/{id}/health-goals */
  @Authorized()
  @Mutation(() => HealthGoal, { description: "Sets (replaces) the caller's goal for a metric." })
  async setHealthGoal(
    @Ctx() ctx: UserContext,
    @Arg("input", () => SetHealthGoalInput) input: SetHealthGoalInput,
  ): Promise<HealthGoal> {
    return toHealthGoal(await setHealthGoal(ctx.deps.db, actorOf(ctx), input, new Date()));
  }
}
