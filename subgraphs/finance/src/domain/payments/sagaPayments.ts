import { ACCOUNT_HELD, isHeld } from "@health/platform/holds";
import type { FinanceTx } from "../../db.ts";
import {
  publishPaymentAuthorized,
  publishPaymentFailed,
  type SagaRequester,
} from "../../events/paymentEvents.ts";
import type { Payment as PaymentRow } from "../../generated/prisma/client.ts";
import { PaymentStatus } from "../../generated/prisma/enums.ts";
import { settleOrderPayment } from "../settlements/settle.ts";
import { captureHeld, lockPaymentIfAny, refundCaptured, voidHeld } from "./moves.ts";
import type { PaymentProvider } from "./provider.ts";
import { refundable } from "./stateMachine.ts";

// Finance's part in the payment sagas that trade (an order) and ec (a shop order) run. A saga asks for a
// payment by event; finance's payment for it takes the saga's id, so a redelivered request finds it and
// the provider (asked with that id) holds the funds once. The provider's webhook answers the saga
// (payment_authorized / payment_failed, or payment_success for a payment captured at once); the
// requester's cancellation releases whatever is held, whenever it arrives; a completed order is
// captured and settled. Each runs in the consumer's (or the webhook's) transaction.

export interface PaymentRequest {
  /** The saga's id: the payment's. */
  requestId: string;
  requester: SagaRequester;
  payerId: string;
  amount: number;
  currency: string;
  /** What it pays for (`service_order:<id>`, `shop_order:<id>`, `course_purchase:<id>`, `community_membership:<id>`). */
  reference: string;
  captureOnAuthorization: boolean;
}

/**
 * Writes the saga's payment CREATED and asks the provider for a hold; a second request does nothing. A
 * payer ops holds is declined at once (FAILED, reason ACCOUNT_HELD, payment_failed answers the saga).
 */
export async function requestPayment(
  tx: FinanceTx,
  provider: PaymentProvider,
  request: PaymentRequest,
  now: Date,
): Promise<void> {
  const inserted = await tx.$queryRawUnsafe<unknown[]>(
    `INSERT INTO payments (id, payer_id, amount, currency, reference, provider, requester,
                           capture_on_authorization, created_at, updated_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9, $9)
     ON CONFLICT (id) DO NOTHING RETURNING 1`,
    request.requestId,
    request.payerId,
    request.amount,
    request.currency,
    request.reference,
    provider.name,
    request.requester,
    request.captureOnAuthorization,
    now,
  );
  if (inserted.length === 0) return;
  if (await isHeld(tx, request.payerId)) {
    // ops holds the payer (finance's own account_holds): declined at once, the provider never asked.
    const declined = await tx.payment.update({
      where: { id: request.requestId },
      data: { status: PaymentStatus.FAILED, failureReason: ACCOUNT_HELD, updatedAt: now },
    });
    await publishPaymentFailed(tx, declined, now);
    return;
  }
  const { providerRef } = await provider.authorize(
    { paymentId: request.requestId, amount: request.amount, currency: request.currency },
    tx,
  );
  await tx.payment.update({ where: { id: request.requestId }, data: { providerRef } });
}

/**
 * What follows the provider's answer for a saga's payment, in the webhook's transaction: a hold the
 * requester already gave up is voided at once; a payment to be taken at once is captured
 * (payment_success answers the saga); otherwise the saga hears payment_authorized. A decline answers
 * payment_failed. A direct payment (no requester) has no saga to answer.
 */
export async function answerSaga(
  tx: FinanceTx,
  provider: PaymentProvider,
  payment: PaymentRow,
  now: Date,
): Promise<void> {
  if (!payment.requester) return;
  if (payment.status === PaymentStatus.FAILED) return publishPaymentFailed(tx, payment, now);
  if (payment.status !== PaymentStatus.AUTHORIZED) return;
  if (payment.releaseRequested) {
    await voidHeld(tx, provider, payment, now);
    return;
  }
  if (payment.captureOnAuthorization) {
    await captureHeld(tx, provider, payment, now);
    return;
  }
  await publishPaymentAuthorized(tx, payment, now);
}

/**
 * The requester's order ended without being paid for (cancelled, expired, its saga timed out): a hold is
 * voided, a capture refunded in full, and a payment the provider has not answered yet is marked so that
 * its hold is voided as soon as it is granted. Anything else (already released, declined, unknown) is
 * left as it is, so a repeated release changes nothing.
 */
export async function releasePayment(
  tx: FinanceTx,
  provider: PaymentProvider,
  paymentId: string,
  now: Date,
): Promise<void> {
  const payment = await lockPaymentIfAny(tx, paymentId);
  if (!payment?.requester) return;
  switch (payment.status) {
    case PaymentStatus.CREATED:
      await tx.payment.update({ where: { id: paymentId }, data: { releaseRequested: true, updatedAt: now } });
      return;
    case PaymentStatus.AUTHORIZED:
      await voidHeld(tx, provider, payment, now);
      return;
    case PaymentStatus.CAPTURED:
    case PaymentStatus.PARTIALLY_REFUNDED:
      await refundCaptured(tx, provider, payment, refundable(payment), now);
      return;
    default:
      return;
  }
}

export interface CompletedOrder {
  orderId: string;
  coachId: string;
  /** The platform's fee, basis points. */
  feeBps: number;
}

/**
 * A completed service order's payment is captured (if it is still only held) and settled: the coach's
 * payout and the platform's fee, which sum to the captured amount (settlements/settle.ts). An order
 * without a saga payment (a free one) has nothing to settle; reconciliation reports one that should.
 */
export async function captureAndSettle(
  tx: FinanceTx,
  provider: PaymentProvider,
  order: CompletedOrder,
  now: Date,
): Promise<void> {
  const payment = await lockPaymentIfAny(tx, order.orderId);
  if (payment?.requester !== "trade") return;
  const captured =
    payment.status === PaymentStatus.AUTHORIZED ? await captureHeld(tx, provider, payment, now) : payment;
  if (captured.status !== PaymentStatus.CAPTURED) return;
  await settleOrderPayment(tx, {
    orderId: order.orderId,
    paymentId: captured.id,
    coachId: order.coachId,
    amount: captured.capturedAmount,
    currency: captured.currency,
    feeBps: order.feeBps,
  });
}
