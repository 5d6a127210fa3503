import type { Infrastructure } from "@health/platform/server";
import type { OpsDb } from "./db.ts";
import type { RiskSettings } from "./domain/risk/rules.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain uses only `db`, and publishes its events by writing outbox rows through it.
 */
export interface OpsDeps extends Infrastructure<OpsDb> {
  /** The risk rules' thresholds, severities and holds (RISK_* variables, config.ts). */
  risk: RiskSettings;
}
