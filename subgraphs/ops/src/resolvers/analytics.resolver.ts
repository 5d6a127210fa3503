import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { analyticsReport } from "../domain/analytics/report.ts";
import { AnalyticsReport } from "../model/analyticsReport.ts";

/** Analytics (M17): the seed's POST /analytics/reports, admins only. */
@Resolver(() => AnalyticsReport)
export class AnalyticsResolver {
  @Authorized("admin")
  @Query(() => AnalyticsReport, {
    description:
      "Daily active users, service orders, shop orders, GMV and the ad view → order conversion for every UTC day the period touches (from ≤ t < to, at most 366 days), with totals. Admins only.",
  })
  analyticsReport(
    @Ctx() ctx: OpsContext,
    @Arg("from", () => Date) from: Date,
    @Arg("to", () => Date, { description: "Exclusive; at most 366 days after from." }) to: Date,
  ): Promise<AnalyticsReport> {
    return analyticsReport(ctx.deps.db, { from, to });
  }
}
