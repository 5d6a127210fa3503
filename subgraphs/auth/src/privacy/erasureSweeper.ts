import { randomUUID } from "node:crypto";
import { accountErasureStartedV1 } from "@health/events/catalog";
import { unavailable } from "@health/platform/errors";
import { publishEvent, type SqlExecutor } from "@health/platform/events";
import { type PeriodicJob, startPeriodicJob } from "@health/platform/jobs";
import type { Logger } from "pino";
import type { AuthDeps } from "../deps.ts";
import { markAccessRevoked } from "./revokeAccess.ts";

/** Why the erased person's sessions were revoked (`sessions.revoke_reason`). */
export const ERASURE_REVOKE_REASON = "account erasure";

/** Erasures one sweep starts at most; the next tick takes the rest. */
const SWEEP_BATCH = 100;

type SweepDeps = Pick<AuthDeps, "db" | "redis" | "config">;

/**
 * Ends every way the person could still act, in the erasure's transaction: the account is locked (no
 * sign-in, no refresh), each live session and API key is marked revoked in Redis (the router and the
 * subgraphs refuse their tokens from now on, as after a sign-out) and then in the database. A marker that
 * cannot be written throws, so the erasure stays PENDING and the next sweep tries again.
 */
async function endAccess(deps: SweepDeps, tx: SqlExecutor, userId: string, now: Date): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE "res_users" SET "status" = 'locked', "updated_at" = $2 WHERE "id" = $1::uuid`,
    userId,
    now,
  );
  await markAccessRevoked(deps, tx, userId).catch(() => {
    throw unavailable("SESSION_REVOCATION", "The erased person's sessions could not be revoked yet.");
  });
  await tx.$executeRawUnsafe(
    `UPDATE "sessions" SET "revoked_at" = $2, "revoke_reason" = $3
      WHERE "account_id" = $1::uuid AND "revoked_at" IS NULL`,
    userId,
    now,
    ERASURE_REVOKE_REASON,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "api_keys" SET "revoked_at" = $2 WHERE "owner_id" = $1::uuid AND "revoked_at" IS NULL`,
    userId,
    now,
  );
}

/**
 * Starts one erasure whose cooling-off period is over, in one transaction: IN_PROGRESS with a fresh
 * tombstone id, the person's access ended, `account_erasure_started` in the outbox. The claim is a
 * conditional UPDATE of a row taken with SKIP LOCKED, so sweepers on several instances never start the
 * same erasure twice. Returns its id, or null when none is due.
 */
export async function startOneDueErasure(deps: SweepDeps, now = new Date()): Promise<string | null> {
  return deps.db.$transaction(async (tx) => {
    const [claimed] = await tx.$queryRawUnsafe<Array<{ id: string; user_id: string; tombstone_id: string }>>(
      `UPDATE "account_erasures" SET "status" = 'IN_PROGRESS', "started_at" = $1, "tombstone_id" = $2::uuid
        WHERE "id" = (SELECT "id" FROM "account_erasures"
                       WHERE "status" = 'PENDING' AND "scheduled_for" <= $1 AND "user_id" IS NOT NULL
                       ORDER BY "scheduled_for" LIMIT 1 FOR UPDATE SKIP LOCKED)
          AND "status" = 'PENDING'
        RETURNING "id"::text, "user_id"::text, "tombstone_id"::text`,
      now,
      randomUUID(),
    );
    if (!claimed) return null;
    await endAccess(deps, tx, claimed.user_id, now);
    await publishEvent(
      tx,
      accountErasureStartedV1,
      {
        erasureId: claimed.id,
        userId: claimed.user_id,
        tombstoneId: claimed.tombstone_id,
        startedAt: now.toISOString(),
      },
      { aggregateId: claimed.id, actorId: claimed.user_id, occurredAt: now },
    );
    return claimed.id;
  });
}

/** Starts every erasure due at `now` (at most a batch); returns their ids. */
export async function startDueErasures(deps: SweepDeps, now = new Date()): Promise<string[]> {
  const started: string[] = [];
  while (started.length < SWEEP_BATCH) {
    const id = await startOneDueErasure(deps, now);
    if (!id) break;
    started.push(id);
  }
  return started;
}

/** The sweeper, every ACCOUNT_ERASURE_SWEEP_SECONDS. */
export const startErasureSweeper = (
  deps: SweepDeps,
  options: { intervalSeconds: number; logger: Logger },
): PeriodicJob =>
  startPeriodicJob(() => startDueErasures(deps), {
    name: "account erasure sweeper",
    intervalMs: options.intervalSeconds * 1000,
    logger: options.logger,
  });
