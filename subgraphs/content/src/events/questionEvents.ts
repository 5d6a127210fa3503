import {
  bountyHoldRequestedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
  questionAnsweredV1,
} from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { ContentTx } from "../db.ts";

// What the Q&A tells the platform, one function per event, each written to the outbox inside the
// caller's transaction (ARCHITECTURE.md rule 3). The bounty's commands go to finance (domain/questions/bountySaga.ts).

/** Writes question_answered for an answer just written, in that transaction. */
export async function publishQuestionAnswered(
  tx: ContentTx,
  answer: { id: string; questionId: string; askerId: string; authorId: string },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    questionAnsweredV1,
    {
      questionId: answer.questionId,
      answerId: answer.id,
      askerId: answer.askerId,
      answererId: answer.authorId,
      answeredAt: now.toISOString(),
    },
    { aggregateId: answer.questionId, actorId: answer.authorId, occurredAt: now },
  );
}

/** Writes bounty_hold_requested: finance moves the points into the question's escrow. */
export async function publishBountyHoldRequested(
  tx: ContentTx,
  bounty: { questionId: string; askerId: string; points: number },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    bountyHoldRequestedV1,
    { ...bounty, requestedAt: now.toISOString() },
    { aggregateId: bounty.questionId, actorId: bounty.askerId, occurredAt: now },
  );
}

/** Writes bounty_payout_requested: finance pays the held points to the accepted answer's author. */
export async function publishBountyPayoutRequested(
  tx: ContentTx,
  payout: { questionId: string; answerId: string; askerId: string; answererId: string; points: number },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    bountyPayoutRequestedV1,
    { ...payout, requestedAt: now.toISOString() },
    { aggregateId: payout.questionId, actorId: payout.askerId, occurredAt: now },
  );
}

/** Writes bounty_return_requested: finance gives back whatever it holds for the question. */
export async function publishBountyReturnRequested(
  tx: ContentTx,
  bounty: { questionId: string; askerId: string },
  reason: string,
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    bountyReturnRequestedV1,
    { ...bounty, reason, requestedAt: now.toISOString() },
    { aggregateId: bounty.questionId, actorId: null, occurredAt: now },
  );
}
