import { bountyHeldV1, bountyHoldRefusedV1 } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { publishEvent } from "@health/platform/events";
import type { FinanceTx } from "../db.ts";

// Finance's answers to content's question bounty saga, written to the outbox in the transaction that
// held the points (or found it could not).

/** Writes bounty_held: the question's bounty is in escrow. */
export function publishBountyHeld(
  tx: FinanceTx,
  bounty: { questionId: string; askerId: string; points: number },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    bountyHeldV1,
    { ...bounty, heldAt: now.toISOString() },
    { aggregateId: bounty.questionId, actorId: null, occurredAt: now },
  );
}

/** Writes bounty_hold_refused: nothing was held, for `reason`. */
export function publishBountyHoldRefused(
  tx: FinanceTx,
  bounty: { questionId: string; askerId: string; points: number },
  reason: string,
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    bountyHoldRefusedV1,
    { ...bounty, reason, refusedAt: now.toISOString() },
    { aggregateId: bounty.questionId, actorId: null, occurredAt: now },
  );
}
