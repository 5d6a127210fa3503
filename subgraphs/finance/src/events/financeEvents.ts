import { giftSentV1, pointsAwardedV1 } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { publishEvent } from "@health/platform/events";
import type { FinanceTx } from "../db.ts";
import { POINTS } from "../domain/ledger/rules.ts";

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

/** Writes gift_sent for a gift just sent (priced in points), about its sender, in that transaction. */
export function publishGiftSent(
  tx: FinanceTx,
  order: {
    id: string;
    giftId: string;
    senderId: string;
    recipientId: string;
    quantity: number;
    points: number;
    liveRoomId: string | null;
    orderId: string | null;
  },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    giftSentV1,
    {
      giftOrderId: order.id,
      senderId: order.senderId,
      recipientId: order.recipientId,
      giftId: order.giftId,
      amount: order.points,
      currency: POINTS,
      quantity: order.quantity,
      liveRoomId: order.liveRoomId,
      orderId: order.orderId,
      sentAt: now.toISOString(),
    },
    { aggregateId: order.senderId, actorId: order.senderId, occurredAt: now },
  );
}
