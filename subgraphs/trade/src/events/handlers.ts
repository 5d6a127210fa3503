import { paymentAuthorizedV1, paymentFailedV1 } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { accountHoldHandlers } from "@health/platform/holds";
import { resumeSaga, type SagaDefinition } from "@health/platform/saga";
import type { OrderPaymentData } from "../domain/orders/paymentSaga.ts";
import { coachLevelChangedHandler } from "./coachLevelChanged.handler.ts";

/** The durable consumer's name (inbox rows, JetStream consumer, dead letters). */
export const TRADE_CONSUMER = "trade";

/**
 * Finance's answers to the order-payment saga: an authorization opens the order, a decline cancels it.
 * Answers to another subgraph's saga (`requester`) are not trade's and change nothing. ops's
 * coach_level_changed sets a coach's level for matching.
 */
export const tradeEventHandlers = (deps: {
  orderPayment: SagaDefinition<OrderPaymentData>;
}): HandlerRegistration[] => [
  // ops's holds: a held coach's grabs are refused (domain/grab/grab.ts).
  ...accountHoldHandlers(),
  on(paymentAuthorizedV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "trade") return;
    await resumeSaga(deps.orderPayment, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "authorize_payment",
      ok: true,
      data: { paymentId: payload.paymentId },
    });
  }),
  on(paymentFailedV1, async (tx, { payload }, { afterCommit }) => {
    if (payload.requester !== "trade") return;
    await resumeSaga(deps.orderPayment, { tx, now: new Date(), afterCommit }, payload.requestId, {
      step: "authorize_payment",
      ok: false,
      reason: `the payment was declined (${payload.reason})`,
    });
  }),
  coachLevelChangedHandler,
];
