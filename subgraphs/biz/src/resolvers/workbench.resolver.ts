import { actorOf } from "@health/platform/auth";
import { checkedPeriod } from "@health/platform/period";
import { Arg, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { BizContext } from "../context.ts";
import { courseSalesOf } from "../domain/workbench/courseSales.ts";
import { followersOf } from "../domain/workbench/followers.ts";
import { workbenchOf, workbenchOwnerFor } from "../domain/workbench/view.ts";
import { toWorkbench, Workbench } from "../model/workbench.ts";
import { toWorkbenchCourseSales, WorkbenchCourseSales } from "../model/workbenchCourseSales.ts";
import { toWorkbenchFollowers, WorkbenchFollowers } from "../model/workbenchFollowers.ts";

/** M03: the workbench a coach (or business account) reads of their own, and an admin of any coach. */
@Resolver(() => Workbench)
export class WorkbenchResolver {
  @Authorized("coach", "business", "admin")
  @Query(() => Workbench, {
    description:
      "The workbench over [from, to) with one bucket per UTC day (the seed's GET /biz/dashboard): the caller's own; an admin names a coach. Another's is FORBIDDEN.",
  })
  async workbench(
    @Ctx() ctx: BizContext,
    @Arg("from", () => Date) from: Date,
    @Arg("to", () => Date, { description: "Exclusive; at most 366 days after from." }) to: Date,
    @Arg("coachId", () => ID, { nullable: true }) coachId: string | null,
  ): Promise<Workbench> {
    const coach = workbenchOwnerFor(actorOf(ctx), coachId);
    const period = checkedPeriod({ from, to });
    return toWorkbench(await workbenchOf(ctx.deps.db, coach, period));
  }

  // Read only when asked for; the workbench query above already decided who may see this coach's.
  @FieldResolver(() => WorkbenchFollowers, { description: "The coach's followers over the period and now." })
  async followers(@Ctx() ctx: BizContext, @Root() workbench: Workbench): Promise<WorkbenchFollowers> {
    const period = { from: workbench.from, to: workbench.to };
    return toWorkbenchFollowers(await followersOf(ctx.deps.db, workbench.coachId, period));
  }

  @FieldResolver(() => WorkbenchCourseSales, { description: "The coach's courses bought over the period." })
  async courseSales(@Ctx() ctx: BizContext, @Root() workbench: Workbench): Promise<WorkbenchCourseSales> {
    const period = { from: workbench.from, to: workbench.to };
    return toWorkbenchCourseSales(await courseSalesOf(ctx.deps.db, workbench.coachId, period));
  }
}
