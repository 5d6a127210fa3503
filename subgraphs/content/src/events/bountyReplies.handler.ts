import { bountyHeldV1, bountyHoldRefusedV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { resumeSaga, type SagaDefinition } from "@health/platform/saga";
import type { QuestionBountyData } from "../domain/questions/bountySaga.ts";

/**
 * Finance's answers to a question's bounty hold: held opens the question, refused rejects it with
 * finance's reason (domain/questions/bountySaga.ts). A redelivery changes nothing (the inbox, and the
 * saga no longer waiting on the step).
 */
export const bountyReplyHandlers = (deps: {
  questionBounty: SagaDefinition<QuestionBountyData>;
}): HandlerRegistration[] => [
  on(bountyHeldV1, async (tx, { payload }, { afterCommit }) => {
    await resumeSaga(deps.questionBounty, { tx, now: new Date(), afterCommit }, payload.questionId, {
      step: "hold",
      ok: true,
    });
  }),
  on(bountyHoldRefusedV1, async (tx, { payload }, { afterCommit }) => {
    await resumeSaga(deps.questionBounty, { tx, now: new Date(), afterCommit }, payload.questionId, {
      step: "hold",
      ok: false,
      reason: payload.reason,
    });
  }),
];
