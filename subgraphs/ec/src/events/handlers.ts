import { paymentFailedV1, paymentSuccessV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { resumeSaga, type SagaDefinition } from "@health/platform/saga";
import type { ShopOrderPaymentData } from "../domain/shopOrders/paymentSaga.ts";

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const EC_CONSUMER = "ec";

/**
 * Finance's answers to the shop-order payment saga: a captured payment marks the order PAID, a decline
 * gives its stock back. Answers to another subgraph's saga, or about a direct payment, are not ec's.
 */
export const ecEventHandlers = (deps: {
  shopOrderPayment: SagaDefinition<ShopOrderPaymentData>;
}): HandlerRegistration[] => [
  on(paymentSuccessV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "ec" || !payload.requestId) return;
    await resumeSaga(deps.shopOrderPayment, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "take_payment",
      ok: true,
    });
  }),
  on(paymentFailedV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "ec") return;
    await resumeSaga(deps.shopOrderPayment, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "take_payment",
      ok: false,
      reason: `the payment was declined (${payload.reason})`,
    });
  }),
];
