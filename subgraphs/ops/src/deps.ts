import type { Infrastructure } from "@health/platform/server";
import type { OpsDb } from "./db.ts";
import type { LevelThreshold } from "./domain/levels/rules.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain uses only `db`, and publishes its events by writing outbox rows through it.
 */
export type OpsDeps = Infrastructure<OpsDb> & {
  /** M05: the level rules' table (`OPS_LEVEL_THRESHOLDS`). */
  levelThresholds: readonly LevelThreshold[];
};
