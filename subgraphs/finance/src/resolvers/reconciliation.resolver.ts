import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import {
  RECONCILIATION_PAGE,
  reconciliationDiscrepanciesOf,
  reconciliationReportsOf,
  resolveReconciliationDiscrepancy,
} from "../domain/reconciliation/queries.ts";
import {
  DiscrepancyStatusFilter,
  ReconciliationDiscrepancy,
  ReconciliationDiscrepancyConnection,
  ReconciliationReport,
  ReconciliationReportConnection,
  toReconciliationDiscrepancy,
  toReconciliationDiscrepancyConnection,
  toReconciliationReportConnection,
} from "../model/reconciliation.ts";

/** The daily reconciliation's reports and flagged discrepancies: operators (admins) only. */
@Resolver(() => ReconciliationReport)
export class ReconciliationResolver {
  @Authorized("admin")
  @ListSizedByFirst({ connection: true })
  @Query(() => ReconciliationReportConnection, {
    description: "The daily reconciliation's runs, newest first (admins; FORBIDDEN otherwise).",
  })
  async reconciliationReports(
    @Ctx() ctx: FinanceContext,
    @Arg("first", () => Int, { defaultValue: RECONCILIATION_PAGE.defaultSize, description: "1–100" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ReconciliationReportConnection> {
    return toReconciliationReportConnection(await reconciliationReportsOf(ctx.deps.db, { first, after }));
  }

  @Authorized("admin")
  @ListSizedByFirst({ connection: true })
  @Query(() => ReconciliationDiscrepancyConnection, {
    description: "Discrepancies flagged for an operator, newest first; all of them without status (admins).",
  })
  async reconciliationDiscrepancies(
    @Ctx() ctx: FinanceContext,
    @Arg("status", () => DiscrepancyStatusFilter, { nullable: true })
    status: DiscrepancyStatusFilter | null,
    @Arg("first", () => Int, { defaultValue: RECONCILIATION_PAGE.defaultSize, description: "1–100" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ReconciliationDiscrepancyConnection> {
    return toReconciliationDiscrepancyConnection(
      await reconciliationDiscrepanciesOf(ctx.deps.db, status, { first, after }),
    );
  }

  @Authorized("admin")
  @Mutation(() => ReconciliationDiscrepancy, {
    description:
      "An operator resolves an OPEN discrepancy, saying what was done; recorded with who and when. CONFLICT when already resolved.",
  })
  async resolveReconciliationDiscrepancy(
    @Ctx() ctx: FinanceContext,
    @Arg("id", () => ID) id: string,
    @Arg("note", () => String) note: string,
  ): Promise<ReconciliationDiscrepancy> {
    return toReconciliationDiscrepancy(
      await resolveReconciliationDiscrepancy(ctx.deps.db, actorOf(ctx), { id, note }, new Date()),
    );
  }
}
