import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { resumeSaga, type SagaDefinition } from "@health/platform/saga";
import type { CoursePurchaseData } from "../domain/purchases/paymentSaga.ts";

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const CONTENT_CONSUMER = "content";

/**
 * Finance's answers to the course purchase saga: a captured payment makes the purchase PAID, a decline
 * FAILED. Answers to another subgraph's saga, or about a direct payment, are not content's.
 */
export const contentEventHandlers = (deps: {
  coursePurchase: SagaDefinition<CoursePurchaseData>;
}): HandlerRegistration[] => [
  on(paymentSuccessV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "content" || !payload.requestId) return;
    await resumeSaga(deps.coursePurchase, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "take_payment",
      ok: true,
    });
  }),
  on(paymentFailedV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "content") return;
    await resumeSaga(deps.coursePurchase, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "take_payment",
      ok: false,
      reason: `the payment was declined (${payload.reason})`,
    });
  }),
];
