import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { withIdempotency } from "@health/platform/idempotency";
import type { FinanceDb, FinanceTx } from "../../db.ts";
import type { Payment as PaymentRow } from "../../generated/prisma/client.ts";
import { captureHeld, lockPaymentIfAny, refundCaptured, voidHeld } from "./moves.ts";
import { type PaymentView, paymentView } from "./paymentView.ts";
import type { PaymentProvider } from "./provider.ts";
import { refundable } from "./stateMachine.ts";

// An admin's capture, refund and void: each under an idempotency key, each one of the moves (moves.ts)
// under the payment's row lock, in one transaction.

/** The payment `id`, locked for the rest of `tx`; NOT_FOUND when there is none. */
export async function lockPayment(tx: FinanceTx, id: string): Promise<PaymentRow> {
  const payment = await lockPaymentIfAny(tx, id);
  if (!payment) throw notFound("Payment", id);
  return payment;
}

/** An admin's operation on payment `id`; `amount` only for a refund. */
export interface AdminOperationInput {
  id: string;
  idempotencyKey: string;
  amount?: number | null;
}

/** Under the idempotency key: locks the payment and lets `move` move it. */
function adminOperation(
  db: FinanceDb,
  admin: Actor,
  operation: "capturePayment" | "voidPayment" | "refundPayment",
  input: AdminOperationInput,
  move: (tx: FinanceTx, payment: PaymentRow, now: Date) => Promise<PaymentRow>,
): Promise<PaymentView> {
  const paymentId = uuidArg(input.id, "id", "a payment id");
  const parameters = { operation, paymentId, amount: input.amount ?? null };
  return withIdempotency(db, { callerId: admin.userId, key: input.idempotencyKey, parameters }, async (tx) =>
    paymentView(await move(tx, await lockPayment(tx, paymentId), new Date())),
  );
}

export const capturePayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "capturePayment", input, (tx, payment, now) =>
    captureHeld(tx, provider, payment, now),
  );

export const voidPayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "voidPayment", input, (tx, payment, now) => voidHeld(tx, provider, payment, now));

/** Returns `amount` of what was captured (all that remains when omitted). */
export const refundPayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "refundPayment", input, (tx, payment, now) =>
    refundCaptured(tx, provider, payment, input.amount ?? refundable(payment), now),
  );
