import { randomUUID } from "node:crypto";
import { accountHeldV1, accountReleasedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { badInput, conflict, notFound } from "@health/platform/errors";
import { publishEvent } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { OpsDb, OpsTx } from "../../db.ts";
import type { RiskHold } from "../../generated/prisma/client.ts";
import { appendAudit } from "../audit/append.ts";

/**
 * Places a hold and publishes account_held (trade, finance and biz keep a copy and refuse the account's
 * grabs, payments and chat messages). `heldBy` is the admin, null when a rule placed it.
 */
export async function placeHold(
  tx: OpsTx,
  hold: { userId: string; reason: string; alertId: string | null; heldBy: string | null; at: Date },
): Promise<RiskHold> {
  const row = await tx.riskHold.create({
    data: {
      id: randomUUID(),
      userId: hold.userId,
      reason: hold.reason,
      alertId: hold.alertId,
      heldBy: hold.heldBy,
      heldAt: hold.at,
    },
  });
  await publishEvent(
    tx,
    accountHeldV1,
    {
      holdId: row.id,
      userId: row.userId,
      alertId: row.alertId,
      reason: row.reason,
      heldAt: row.heldAt.toISOString(),
    },
    { aggregateId: row.userId, actorId: hold.heldBy, occurredAt: hold.at },
  );
  return row;
}

/** The account's hold in force (the oldest, when there are several), or null. */
export const activeHoldOf = (db: OpsDb | OpsTx, userId: string): Promise<RiskHold | null> =>
  db.riskHold.findFirst({ where: { userId, releasedAt: null }, orderBy: { heldAt: "asc" } });

const REASON_MAX = 500;

/** holdAccount: an admin holds an account (CONFLICT when it is already held: release that hold first). */
export async function holdAccount(
  db: OpsDb,
  actor: Actor,
  input: { userId: string; reason: string },
  now: Date,
): Promise<RiskHold> {
  const userId = uuidArg(input.userId, "userId");
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > REASON_MAX) {
    throw badInput(
      "reason",
      `Give a reason of 1–${REASON_MAX} characters; the account's owner may be told it.`,
    );
  }
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`hold:${userId}`}, 0))::text`;
    const existing = await activeHoldOf(tx, userId);
    if (existing) {
      throw conflict(`Account ${userId} is already held (hold ${existing.id}).`, { holdId: existing.id });
    }
    const hold = await placeHold(tx, { userId, reason, alertId: null, heldBy: actor.userId, at: now });
    await appendAudit(tx, {
      kind: "ADMIN_ACTION",
      actorId: actor.userId,
      subjectType: "User",
      subjectId: userId,
      action: "hold_account",
      details: { holdId: hold.id, reason },
    });
    return hold;
  });
}

/**
 * releaseAccountHold: an admin releases one hold (by `holdId`) or every hold in force on an account (by
 * `userId`), publishing account_released for each. NOT_FOUND when there is nothing to release.
 */
export async function releaseHolds(
  db: OpsDb,
  actor: Actor,
  input: { holdId?: string | null; userId?: string | null },
  now: Date,
): Promise<RiskHold[]> {
  if ((input.holdId == null) === (input.userId == null)) {
    throw badInput("holdId", "Give exactly one of holdId (one hold) or userId (every hold on the account).");
  }
  const holdId = input.holdId != null ? uuidArg(input.holdId, "holdId") : null;
  const userId = input.userId != null ? uuidArg(input.userId, "userId") : null;
  return db.$transaction(async (tx) => {
    const holds = await tx.riskHold.findMany({
      where: { releasedAt: null, ...(holdId ? { id: holdId } : { userId: userId ?? undefined }) },
    });
    if (holds.length === 0)
      throw notFound(holdId ? "Hold in force" : "Hold in force on account", holdId ?? userId ?? "");
    const released: RiskHold[] = [];
    for (const hold of holds) {
      const moved = await tx.riskHold.updateMany({
        where: { id: hold.id, releasedAt: null },
        data: { releasedAt: now, releasedBy: actor.userId },
      });
      if (moved.count === 0) continue;
      await publishEvent(
        tx,
        accountReleasedV1,
        { holdId: hold.id, userId: hold.userId, releasedBy: actor.userId, releasedAt: now.toISOString() },
        { aggregateId: hold.userId, actorId: actor.userId, occurredAt: now },
      );
      released.push({ ...hold, releasedAt: now, releasedBy: actor.userId });
    }
    // One row for the admin's one decision, naming every hold it released (all on one account).
    const [first] = released;
    if (first) {
      await appendAudit(tx, {
        kind: "ADMIN_ACTION",
        actorId: actor.userId,
        subjectType: "User",
        subjectId: first.userId,
        action: "release_account_hold",
        details: { holdIds: released.map((hold) => hold.id), by: holdId ? "holdId" : "userId" },
      });
    }
    return released;
  });
}

/** How many of an account's holds `accountHolds` lists (the newest). */
export const HOLDS_LISTED = 100;

/** accountHolds(userId): an account's holds, newest first (admins). */
export const holdsOf = (db: OpsDb, userId: string): Promise<RiskHold[]> =>
  db.riskHold.findMany({
    where: { userId: uuidArg(userId, "userId") },
    orderBy: { heldAt: "desc" },
    take: HOLDS_LISTED,
  });
