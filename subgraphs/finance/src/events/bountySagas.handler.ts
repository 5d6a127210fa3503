import {
  bountyHoldRequestedV1,
  bountyPayoutRequestedV1,
  bountyReturnRequestedV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { holdBounty, releaseBounty } from "../domain/bounties/escrow.ts";
import { asFinanceTx } from "./pointsHandler.ts";

/**
 * Content's question bounty saga's commands: hold the points in escrow (answered held or refused), pay
 * them to the accepted answer's author, or return them to the asker. Each at most once (domain/bounties).
 */
export const bountySagaHandlers: HandlerRegistration[] = [
  on(bountyHoldRequestedV1, async (tx, { payload }) => {
    const { questionId, askerId, points } = payload;
    await holdBounty(asFinanceTx(tx), { questionId, askerId, points }, new Date());
  }),
  on(bountyPayoutRequestedV1, async (tx, { payload }) => {
    await releaseBounty(asFinanceTx(tx), {
      questionId: payload.questionId,
      recipientId: payload.answererId,
      reason: `bounty of question ${payload.questionId} paid for answer ${payload.answerId}`,
    });
  }),
  on(bountyReturnRequestedV1, async (tx, { payload }) => {
    await releaseBounty(asFinanceTx(tx), {
      questionId: payload.questionId,
      recipientId: payload.askerId,
      reason: `bounty of question ${payload.questionId} returned: ${payload.reason}`,
    });
  }),
];
