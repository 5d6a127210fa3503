import {
  communityMembershipCancelledV1,
  communityPaymentRequestedV1,
  coursePaymentRequestedV1,
  coursePurchaseCancelledV1,
  orderCancelledV1,
  orderPaymentRequestedV1,
  shopOrderCancelledV1,
  shopOrderPaymentRequestedV1,
} from "@health/events/catalog";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { FinanceDeps } from "../deps.ts";
import { releasePayment, requestPayment } from "../domain/payments/sagaPayments.ts";
import { recordOrderCancelled, recordOrderRequested } from "../domain/reconciliation/tradeOrders.ts";
import type { SagaRequester } from "./paymentEvents.ts";
import { asFinanceTx } from "./pointsHandler.ts";

/** A purchase's payment, captured as soon as the provider authorizes it (content's and biz's). */
const takeAtOnce = (
  tx: SqlExecutor,
  deps: Pick<FinanceDeps, "payments">,
  requester: SagaRequester,
  reference: string,
  request: { requestId: string; payerId: string; amount: number; currency: string },
) =>
  requestPayment(
    asFinanceTx(tx),
    deps.payments,
    {
      requestId: request.requestId,
      requester,
      payerId: request.payerId,
      amount: request.amount,
      currency: request.currency,
      reference,
      captureOnAuthorization: true,
    },
    new Date(),
  );

/**
 * The payment sagas' requests: trade's order payments are held until the order completes, ec's shop
 * order payments, content's course purchases and biz's paid community memberships are taken as soon as they
 * are authorized; a cancellation from any of them releases them.
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
  on(coursePaymentRequestedV1, (tx, { payload }) =>
    takeAtOnce(tx, deps, "content", `course_purchase:${payload.requestId}`, {
      ...payload,
      payerId: payload.buyerId,
    }),
  ),
  on(communityPaymentRequestedV1, (tx, { payload }) =>
    takeAtOnce(tx, deps, "biz", `community_membership:${payload.requestId}`, {
      ...payload,
      payerId: payload.memberId,
    }),
  ),
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
  on(communityMembershipCancelledV1, (tx, { payload }) =>
    releasePayment(asFinanceTx(tx), deps.payments, payload.membershipId, new Date()),
  ),
];
