import {
  coursePaymentRequestedV1,
  coursePurchaseCancelledV1,
  orderCancelledV1,
  orderPaymentRequestedV1,
  shopOrderCancelledV1,
  shopOrderPaymentRequestedV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import type { FinanceDeps } from "../deps.ts";
import { releasePayment, requestPayment } from "../domain/payments/sagaPayments.ts";
import { recordOrderCancelled, recordOrderRequested } from "../domain/reconciliation/tradeOrders.ts";
import { asFinanceTx } from "./pointsHandler.ts";

/**
 * The payment sagas' requests: trade's order payments are held until the order completes, ec's shop
 * order payments and content's course purchases are taken as soon as they are authorized; a cancellation from either releases them.
 * Trade's requests and cancellations are also recorded in `trade_orders`, in the same transaction, for
 * the daily reconciliation.
 */
export const paymentSagaHandlers = (deps: Pick<FinanceDeps, "payments">): HandlerRegistration[] => [
  on(orderPaymentRequestedV1, async (raw, { payload }) => {
    const tx = asFinanceTx(raw);
    const now = new Date();
    const { orderId, customerId, amount, currency } = payload;
    const requestedAt = new Date(payload.requestedAt);
    await recordOrderRequested(tx, { orderId, customerId, amount, currency, requestedAt }, now);
    await requestPayment(
      tx,
      deps.payments,
      {
        requestId: payload.requestId,
        requester: "trade",
        payerId: payload.customerId,
        amount: payload.amount,
        currency: payload.currency,
        reference: `service_order:${payload.orderId}`,
        captureOnAuthorization: false,
      },
      now,
    );
  }),
  on(shopOrderPaymentRequestedV1, async (tx, { payload }) => {
    await requestPayment(
      asFinanceTx(tx),
      deps.payments,
      {
        requestId: payload.requestId,
        requester: "ec",
        payerId: payload.buyerId,
        amount: payload.amount,
        currency: payload.currency,
        reference: `shop_order:${payload.shopOrderId}`,
        captureOnAuthorization: true,
      },
      new Date(),
    );
  }),
  on(coursePaymentRequestedV1, async (tx, { payload }) => {
    await requestPayment(
      asFinanceTx(tx),
      deps.payments,
      {
        requestId: payload.requestId,
        requester: "content",
        payerId: payload.buyerId,
        amount: payload.amount,
        currency: payload.currency,
        reference: `course_purchase:${payload.requestId}`,
        captureOnAuthorization: true,
      },
      new Date(),
    );
  }),
  on(orderCancelledV1, async (raw, { payload }) => {
    const tx = asFinanceTx(raw);
    const now = new Date();
    const { orderId, customerId, status } = payload;
    await recordOrderCancelled(
      tx,
      { orderId, customerId, status, cancelledAt: new Date(payload.cancelledAt) },
      now,
    );
    await releasePayment(tx, deps.payments, orderId, now);
  }),
  on(shopOrderCancelledV1, (tx, { payload }) =>
    releasePayment(asFinanceTx(tx), deps.payments, payload.shopOrderId, new Date()),
  ),
  on(coursePurchaseCancelledV1, (tx, { payload }) =>
    releasePayment(asFinanceTx(tx), deps.payments, payload.purchaseId, new Date()),
  ),
];
