import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { UserDb } from "./db.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay and the privacy consumer,
 * started in `connect.ts`); the domain uses only `db`, and publishes its events by writing outbox rows
 * through it. `exports` is where the privacy consumer writes a person's export part.
 */
export interface UserDeps extends Infrastructure<UserDb> {
  exports: ExportStore;
}
