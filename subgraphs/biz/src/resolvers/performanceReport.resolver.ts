import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { BizContext } from "../context.ts";
import {
  performanceReportsOf,
  REPORTS_PAGE,
  reportsOwnerFor,
  submitPerformanceReport,
} from "../domain/performanceReports.ts";
import { SubmitPerformanceReportInput } from "../model/performanceReport.inputs.ts";
import {
  PerformanceReport,
  PerformanceReportConnection,
  toPerformanceReport,
  toPerformanceReportConnection,
} from "../model/performanceReport.ts";

/** Performance reports: a coach submits and reads their own; an admin reads any coach's or all. */
@Resolver(() => PerformanceReport)
export class PerformanceReportResolver {
  @Authorized("coach", "business")
  @Mutation(() => PerformanceReport, {
    description:
      "Submits a performance report for a period (the seed's POST /biz/performance); announces biz_activity.",
  })
  async submitPerformanceReport(
    @Ctx() ctx: BizContext,
    @Arg("input", () => SubmitPerformanceReportInput) input: SubmitPerformanceReportInput,
  ): Promise<PerformanceReport> {
    const row = await submitPerformanceReport(ctx.deps.db, actorOf(ctx).userId, input);
    return toPerformanceReport(row);
  }

  @Authorized("coach", "business", "admin")
  @ListSizedByFirst({ connection: true })
  @Query(() => PerformanceReportConnection, {
    description:
      "Performance reports, newest first: the caller's own; an admin names a coach or omits coachId for all. Another's is FORBIDDEN.",
  })
  async performanceReports(
    @Ctx() ctx: BizContext,
    @Arg("coachId", () => ID, { nullable: true }) coachId: string | null,
    @Arg("first", () => Int, { defaultValue: REPORTS_PAGE.defaultSize, description: "1–100 reports" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<PerformanceReportConnection> {
    const owner = reportsOwnerFor(actorOf(ctx), coachId);
    return toPerformanceReportConnection(await performanceReportsOf(ctx.deps.db, owner, { first, after }));
  }
}
