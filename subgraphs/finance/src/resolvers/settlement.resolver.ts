import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import {
  checkedPeriod,
  reportCoachFor,
  SETTLEMENTS_PAGE,
  settlementsOf,
  settlementTotalsOf,
} from "../domain/settlements/report.ts";
import { SettlementReport, toSettlementReport } from "../model/settlement.ts";

/** Settlements: the report a coach reads of their own, and an admin of any coach or all. */
@Resolver(() => SettlementReport)
export class SettlementResolver {
  @Authorized("coach", "admin")
  @ListSizedByFirst({ connection: true })
  @Query(() => SettlementReport, {
    description:
      "Settled orders in [from, to) (the seed's GET /settlements/reports): a coach's own; an admin names a coach or omits coachId for every coach. Another coach's is FORBIDDEN.",
  })
  async settlementReport(
    @Ctx() ctx: FinanceContext,
    @Arg("from", () => Date) from: Date,
    @Arg("to", () => Date, { description: "Exclusive; at most 366 days after from." }) to: Date,
    @Arg("coachId", () => ID, { nullable: true }) coachId: string | null,
    @Arg("first", () => Int, { defaultValue: SETTLEMENTS_PAGE.defaultSize, description: "1–200 rows" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<SettlementReport> {
    const coach = reportCoachFor(actorOf(ctx), coachId);
    const period = checkedPeriod({ from, to });
    const [totals, page] = await Promise.all([
      settlementTotalsOf(ctx.deps.db, coach, period),
      settlementsOf(ctx.deps.db, coach, period, { first, after }),
    ]);
    return toSettlementReport({ ...period, coachId: coach, totals, page });
  }
}
