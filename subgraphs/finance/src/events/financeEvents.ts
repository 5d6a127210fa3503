import { pointsAwardedV1 } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { publishEvent } from "@health/platform/events";
import type { FinanceTx } from "../db.ts";

// What this subgraph tells the platform, one function per event. Each is written to the outbox inside
// the caller's transaction, so it commits with the ledger transfer that caused it or neither does
// (../shared/design/ARCHITECTURE.md rule 3). Events are about the user (aggregateId).

/** Writes points_awarded for points just credited to `userId`, in that transaction. */
export function publishPointsAwarded(
  tx: FinanceTx,
  award: { userId: string; points: number; reason: string; actorId: string | null },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    pointsAwardedV1,
    { userId: award.userId, points: award.points, reason: award.reason, awardedAt: now.toISOString() },
    { aggregateId: award.userId, actorId: award.actorId, occurredAt: now },
  );
}
