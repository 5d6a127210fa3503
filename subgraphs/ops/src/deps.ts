import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { OpsDb } from "./db.ts";
import type { Channel } from "./domain/channels/channel.ts";
import type { LevelThreshold } from "./domain/levels/rules.ts";
import type { SendWorker } from "./domain/notifications/sends.ts";
import type { RiskSettings } from "./domain/risk/rules.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain writes through `db` and publishes its events by writing outbox rows through it.
 */
export interface OpsDeps extends Infrastructure<OpsDb> {
  /** M05: the level rules' table (`OPS_LEVEL_THRESHOLDS`). */
  levelThresholds: readonly LevelThreshold[];
  /** Carries `notificationReceived` between instances (NATS core), published after commit. */
  pubSub: NatsPubSub;
  /** Notifications (M17): the channels, in-app first (domain/channels). */
  notificationChannels: readonly Channel[];
  /** Notifications (M17): works through fan-outs to segments in batches. */
  notificationSends: SendWorker;
  /** The risk rules' thresholds, severities and holds (RISK_* variables, config.ts). */
  risk: RiskSettings;
  /** Where the `ops-privacy` consumer writes its part of a person's export (issue 13). */
  exports: ExportStore;
}
