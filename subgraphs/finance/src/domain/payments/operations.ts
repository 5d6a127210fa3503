import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { withIdempotency } from "@health/platform/idempotency";
import type { FinanceDb, FinanceTx } from "../../db.ts";
import type { Payment as PaymentRow } from "../../generated/prisma/client.ts";
import { postCapture, postRefund } from "./ledgerPostings.ts";
import { type PaymentView, paymentView } from "./paymentView.ts";
import { type PaymentProvider, ProviderRefusal } from "./provider.ts";
import { applyMove, type PaymentState, refundable } from "./stateMachine.ts";

// An admin's (later the saga's) capture, refund and void: each under an idempotency key, each deciding
// with the state machine under the payment's row lock, asking the provider, then writing the new state
// and its ledger transfer in one transaction.

/** The payment `id`, locked for the rest of `tx`; NOT_FOUND when there is none. */
export async function lockPayment(tx: FinanceTx, id: string): Promise<PaymentRow> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM payments WHERE id = $1::uuid FOR UPDATE`, id);
  const payment = await tx.payment.findUnique({ where: { id } });
  if (!payment) throw notFound("Payment", id);
  return payment;
}

async function askProvider(ask: () => Promise<void>): Promise<void> {
  try {
    await ask();
  } catch (error) {
    if (error instanceof ProviderRefusal) throw conflict(`The payment provider refused: ${error.message}.`);
    throw error;
  }
}

/** An admin's operation on payment `id`; `amount` only for a refund. */
export interface AdminOperationInput {
  id: string;
  idempotencyKey: string;
  amount?: number | null;
}

/**
 * Under the idempotency key: locks the payment, lets `step` decide the move, ask the provider and post
 * the ledger, then writes the state `step` returns.
 */
function adminOperation(
  db: FinanceDb,
  admin: Actor,
  operation: "capturePayment" | "voidPayment" | "refundPayment",
  input: AdminOperationInput,
  step: (tx: FinanceTx, payment: PaymentRow) => Promise<PaymentState>,
): Promise<PaymentView> {
  const paymentId = uuidArg(input.id, "id", "a payment id");
  const parameters = { operation, paymentId, amount: input.amount ?? null };
  return withIdempotency(
    db,
    { callerId: admin.userId, key: input.idempotencyKey, parameters },
    async (tx) => {
      const next = await step(tx, await lockPayment(tx, paymentId));
      const { status, capturedAmount, refundedAmount } = next;
      return paymentView(
        await tx.payment.update({
          where: { id: paymentId },
          data: { status, capturedAmount, refundedAmount, updatedAt: new Date() },
        }),
      );
    },
  );
}

const providerRefOf = (payment: PaymentRow) => payment.providerRef ?? "";

export const capturePayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "capturePayment", input, async (tx, payment) => {
    const next = applyMove(payment, { kind: "capture" });
    await askProvider(() =>
      provider.capture({ providerRef: providerRefOf(payment), amount: next.capturedAmount }),
    );
    await postCapture(tx, payment, next.capturedAmount);
    return next;
  });

export const voidPayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "voidPayment", input, async (_tx, payment) => {
    const next = applyMove(payment, { kind: "void" });
    await askProvider(() => provider.void({ providerRef: providerRefOf(payment) }));
    return next;
  });

/** Returns `amount` of what was captured (all that remains when omitted). */
export const refundPayment = (
  db: FinanceDb,
  provider: PaymentProvider,
  admin: Actor,
  input: AdminOperationInput,
) =>
  adminOperation(db, admin, "refundPayment", input, async (tx, payment) => {
    const amount = input.amount ?? refundable(payment);
    const next = applyMove(payment, { kind: "refund", amount });
    const refundId = randomUUID();
    await askProvider(() => provider.refund({ providerRef: providerRefOf(payment), amount, refundId }));
    await postRefund(tx, payment, amount, refundId);
    return next;
  });
