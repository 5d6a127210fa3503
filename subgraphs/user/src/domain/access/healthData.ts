import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { type AppError, badInput, forbidden, notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import { erasedAmong } from "@health/platform/privacy";
import type { UserDb, UserTx } from "../../db.ts";
import { writeAccessLog } from "./log.ts";
import { type AccessDecision, decideHealthAccess, type GrantFacts, type HealthDataRead } from "./rules.ts";

export type AllowedDecision = Extract<AccessDecision, { allowed: true }>;

export interface AuthorizedRead<R extends HealthDataRead> {
  read: R;
  decision: AllowedDecision;
}

async function grantsFor(db: UserDb, actor: Actor, ownerIds: string[]): Promise<GrantFacts[]> {
  const others = ownerIds.filter((id) => id !== actor.userId);
  // Only a coach's grants can change a decision; owners and admins need no query.
  if (others.length === 0 || hasRole(actor, "admin") || !hasRole(actor, "coach")) return [];
  return db.consentGrant.findMany({
    where: { coachId: actor.userId, ownerId: { in: [...new Set(others)] } },
  });
}

/** How a read reached the data: directly, or through ai (its health insights) on the actor's behalf. */
export type AccessVia = "ai";

export interface ReadOptions<R extends HealthDataRead> {
  /** Marks the log rows (and health_data_accessed events) as reads through this subgraph. */
  via?: AccessVia;
  /** A further rule on top of `decideHealthAccess` (ai's consent): it may only narrow an allowed decision. */
  narrow?: (read: R, decision: AccessDecision) => AccessDecision;
}

const logRow = (
  actor: Actor,
  read: HealthDataRead,
  decision: AccessDecision,
  now: Date,
  via: AccessVia | null,
) => ({
  actorId: actor.userId,
  actorRole: decision.role,
  ownerId: read.ownerId,
  resource: read.resource,
  metric: read.metric ?? null,
  outcome: decision.allowed ? ("ALLOWED" as const) : ("DENIED" as const),
  reason: decision.reason,
  grantId: decision.grantId,
  via,
  occurredAt: now,
});

const deniedError = (read: HealthDataRead, decision: AccessDecision): AppError =>
  forbidden(
    `You may not read ${read.resource.toLowerCase().replaceAll("_", " ")}${read.metric ? ` (${read.metric})` : ""} of user ${read.ownerId}: ${decision.reason}.`,
  );

/**
 * The only way to read health data. Decides every read with `decideHealthAccess`; commits the DENIED
 * log rows on their own (they must outlive the failing request); then, in one transaction, writes the
 * ALLOWED rows and runs `load` for the allowed reads (one result per allowed read, in order).
 * Returns, per read, the loaded value or a FORBIDDEN error (DataLoader hands each key its own).
 */
export async function readHealthData<R extends HealthDataRead, T>(
  db: UserDb,
  actor: Actor,
  reads: readonly R[],
  now: Date,
  load: (tx: UserTx, allowed: AuthorizedRead<R>[]) => Promise<T[]>,
  options: ReadOptions<R> = {},
): Promise<Array<T | AppError>> {
  const via = options.via ?? null;
  const invalid = reads.find((r) => !isUuid(r.ownerId));
  if (invalid) throw badInput("userId", `userId must be a user id (uuid); got "${invalid.ownerId}".`);
  // An erased person's data is gone: a read of them is NOT_FOUND, decided and logged nowhere (issue 13).
  const erased = await erasedAmong(
    db,
    reads.map((r) => r.ownerId),
  );
  if (erased.size > 0) {
    const live = await readHealthData(
      db,
      actor,
      reads.filter((r) => !erased.has(r.ownerId)),
      now,
      load,
      options,
    );
    let next = 0;
    return reads.map((r) =>
      erased.has(r.ownerId) ? notFound("User", r.ownerId) : (live[next++] as T | AppError),
    );
  }
  const grants = await grantsFor(
    db,
    actor,
    reads.map((r) => r.ownerId),
  );
  const decided = reads.map((read) => {
    const decision = decideHealthAccess(actor, read, grants, now);
    return { read, decision: options.narrow ? options.narrow(read, decision) : decision };
  });

  const denied = decided.filter(({ decision }) => !decision.allowed);
  if (denied.length > 0) {
    await db.$transaction((tx) =>
      writeAccessLog(
        tx,
        denied.map(({ read, decision }) => logRow(actor, read, decision, now, via)),
      ),
    );
  }
  const allowed = decided.filter((d): d is AuthorizedRead<R> => d.decision.allowed);
  const loaded =
    allowed.length === 0
      ? []
      : await db.$transaction(async (tx) => {
          await writeAccessLog(
            tx,
            allowed.map(({ read, decision }) => logRow(actor, read, decision, now, via)),
          );
          return load(tx, allowed);
        });

  let next = 0;
  return decided.map(({ read, decision }) =>
    decision.allowed ? (loaded[next++] as T) : deniedError(read, decision),
  );
}

/** `readHealthData` for one read: the value, or FORBIDDEN thrown (after the DENIED row is committed). */
export async function readOneHealthData<T>(
  db: UserDb,
  actor: Actor,
  read: HealthDataRead,
  now: Date,
  load: (tx: UserTx, decision: AllowedDecision) => Promise<T>,
): Promise<T> {
  const [result] = await readHealthData(db, actor, [read], now, async (tx, [only]) => [
    await load(tx, (only as AuthorizedRead<HealthDataRead>).decision),
  ]);
  if (result instanceof Error) throw result;
  return result as T;
}
