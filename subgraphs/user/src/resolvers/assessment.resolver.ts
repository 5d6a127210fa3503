import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { listAssessments, runAssessment } from "../domain/assessments/assessments.ts";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination.ts";
import { RunAssessmentInput } from "../model/assessment.inputs.ts";
import { Assessment, toAssessment } from "../model/assessment.ts";

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Authorized()
  @ListSizedByFirst()
  @Query(() => [Assessment], {
    description: "Newest first. Owner, admin, or a coach granted WEIGHT, BLOOD_PRESSURE and GLUCOSE.",
  })
  async assessments(
    @Ctx() ctx: UserContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–200" }) first: number,
  ): Promise<Assessment[]> {
    return (await listAssessments(ctx.deps.db, actorOf(ctx), userId, first, new Date())).map(toAssessment);
  }

  @Authorized()
  @Mutation(() => Assessment, {
    description: "Assesses the caller from the input and their latest readings.",
  })
  async runAssessment(
    @Ctx() ctx: UserContext,
    @Arg("input", () => RunAssessmentInput) input: RunAssessmentInput,
  ): Promise<Assessment> {
    return toAssessment(await runAssessment(ctx.deps.db, actorOf(ctx), input, new Date()));
  }
}
