import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { acknowledgeAlert, alertById, listAlerts, resolveAlert } from "../domain/risk/alerts.ts";
import {
  RiskAlert,
  RiskAlertConnection,
  RiskAlertStatus,
  RiskSeverity,
  toRiskAlert,
  toRiskAlertConnection,
} from "../model/riskAlert.ts";

/** GET /risk/alerts and the operator's moves on an alert: admins only (auth grants the role, no one picks it). */
@Resolver(() => RiskAlert)
export class RiskAlertResolver {
  @Authorized("admin")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => RiskAlertConnection, { description: "Risk alerts, newest first (seed: GET /risk/alerts)." })
  async riskAlerts(
    @Ctx() ctx: OpsContext,
    @Arg("status", () => RiskAlertStatus, { nullable: true }) status: RiskAlertStatus | null,
    @Arg("severity", () => RiskSeverity, { nullable: true }) severity: RiskSeverity | null,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<RiskAlertConnection> {
    return toRiskAlertConnection(await listAlerts(ctx.deps.db, { status, severity, first, after }));
  }

  @Authorized("admin")
  @Query(() => RiskAlert)
  async riskAlert(@Ctx() ctx: OpsContext, @Arg("id", () => ID) id: string): Promise<RiskAlert> {
    return toRiskAlert(await alertById(ctx.deps.db, id));
  }

  @Authorized("admin")
  @Mutation(() => RiskAlert, {
    description: "OPEN → ACKNOWLEDGED: you take the alert (who and when are kept).",
  })
  async acknowledgeRiskAlert(@Ctx() ctx: OpsContext, @Arg("id", () => ID) id: string): Promise<RiskAlert> {
    return toRiskAlert(await acknowledgeAlert(ctx.deps.db, actorOf(ctx), id, new Date()));
  }

  @Authorized("admin")
  @Mutation(() => RiskAlert, {
    description: "ACKNOWLEDGED → RESOLVED with a note. A hold it placed stays until releaseAccountHold.",
  })
  async resolveRiskAlert(
    @Ctx() ctx: OpsContext,
    @Arg("id", () => ID) id: string,
    @Arg("resolution", () => String, { description: "What was found and done, 1–2000 characters." })
    resolution: string,
  ): Promise<RiskAlert> {
    return toRiskAlert(await resolveAlert(ctx.deps.db, actorOf(ctx), id, resolution, new Date()));
  }
}
