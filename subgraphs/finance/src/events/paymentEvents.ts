import {
  paymentAuthorizedV1,
  paymentFailedV1,
  paymentSuccessV1,
  settlementRecordedV1,
} from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { FinanceTx } from "../db.ts";
import type { Payment } from "../generated/prisma/client.ts";

// What finance tells the platform about payments, each written to the outbox in the transaction that
// moved the payment. payment_authorized and payment_failed answer a saga's request (`requester`);
// payment_success tells everyone a payment was captured. Events are about the payment (aggregateId).

/** The subgraphs whose sagas ask finance for payments (`payments.requester`). */
export type SagaRequester = "trade" | "ec" | "content" | "biz";

const SAGA_REQUESTERS: readonly SagaRequester[] = ["trade", "ec", "content", "biz"];

const requesterOf = (payment: Payment): SagaRequester | null =>
  SAGA_REQUESTERS.find((requester) => requester === payment.requester) ?? null;

const metaOf = (payment: Payment, now: Date) => ({
  aggregateId: payment.id,
  actorId: null,
  occurredAt: now,
});

/** Answers the saga that asked for `payment`: the provider holds the funds. */
export async function publishPaymentAuthorized(tx: FinanceTx, payment: Payment, now: Date): Promise<void> {
  const requester = requesterOf(payment);
  if (!requester) return;
  await publishEvent(
    tx,
    paymentAuthorizedV1,
    {
      paymentId: payment.id,
      requestId: payment.id,
      requester,
      payerId: payment.payerId,
      amount: payment.amount,
      currency: payment.currency,
      authorizedAt: now.toISOString(),
    },
    metaOf(payment, now),
  );
}

/** Answers the saga that asked for `payment`: the provider declined it. */
export async function publishPaymentFailed(tx: FinanceTx, payment: Payment, now: Date): Promise<void> {
  const requester = requesterOf(payment);
  if (!requester) return;
  await publishEvent(
    tx,
    paymentFailedV1,
    {
      paymentId: payment.id,
      requestId: payment.id,
      requester,
      payerId: payment.payerId,
      reason: payment.failureReason ?? "declined",
      failedAt: now.toISOString(),
    },
    metaOf(payment, now),
  );
}

/** payment_success: `payment` was just captured (for a saga's payment, the answer it waits for). */
export async function publishPaymentCaptured(tx: FinanceTx, payment: Payment, now: Date): Promise<void> {
  const requester = requesterOf(payment);
  await publishEvent(
    tx,
    paymentSuccessV1,
    {
      paymentId: payment.id,
      requestId: requester ? payment.id : null,
      requester,
      payerId: payment.payerId,
      reference: payment.reference,
      amount: payment.capturedAmount,
      currency: payment.currency,
      paidAt: now.toISOString(),
    },
    metaOf(payment, now),
  );
}

/** settlement_recorded: an order's captured payment was split between its coach and the platform. */
export async function publishSettlementRecorded(
  tx: FinanceTx,
  settlement: {
    orderId: string;
    paymentId: string;
    coachId: string;
    amount: number;
    coachPayout: number;
    platformFee: number;
    currency: string;
    settledAt: Date;
  },
): Promise<void> {
  await publishEvent(
    tx,
    settlementRecordedV1,
    { ...settlement, settledAt: settlement.settledAt.toISOString() },
    { aggregateId: settlement.orderId, actorId: null, occurredAt: settlement.settledAt },
  );
}
