import { randomUUID } from "node:crypto";
import { conflict } from "@health/platform/errors";
import type { FinanceTx } from "../../db.ts";
import { publishPaymentCaptured } from "../../events/paymentEvents.ts";
import type { Payment as PaymentRow } from "../../generated/prisma/client.ts";
import { postCapture, postRefund } from "./ledgerPostings.ts";
import { type PaymentProvider, ProviderRefusal } from "./provider.ts";
import { applyMove, type PaymentState } from "./stateMachine.ts";

// The moves that ask the provider for money: capture, void, refund. Each takes a payment locked in `tx`
// (lockPayment), decides with the state machine (CONFLICT naming the current state when illegal), asks
// the provider, posts the ledger and writes the new state, all in `tx`. An admin's operation and the
// sagas' handlers both come through here.

/** The payment `id`, locked for the rest of `tx`; null when there is none. */
export async function lockPaymentIfAny(tx: FinanceTx, id: string): Promise<PaymentRow | null> {
  await tx.$executeRawUnsafe(`SELECT 1 FROM payments WHERE id = $1::uuid FOR UPDATE`, id);
  return tx.payment.findUnique({ where: { id } });
}

async function askProvider(ask: () => Promise<void>): Promise<void> {
  try {
    await ask();
  } catch (error) {
    if (error instanceof ProviderRefusal) throw conflict(`The payment provider refused: ${error.message}.`);
    throw error;
  }
}

const providerRefOf = (payment: PaymentRow) => payment.providerRef ?? "";

async function write(tx: FinanceTx, next: PaymentState, now: Date): Promise<PaymentRow> {
  const { status, capturedAmount, refundedAmount } = next;
  return tx.payment.update({
    where: { id: next.id },
    data: { status, capturedAmount, refundedAmount, updatedAt: now },
  });
}

/** Takes the held amount: clearing → platform revenue on the ledger, and payment_success. */
export async function captureHeld(
  tx: FinanceTx,
  provider: PaymentProvider,
  payment: PaymentRow,
  now: Date,
): Promise<PaymentRow> {
  const next = applyMove(payment, { kind: "capture" });
  await askProvider(() =>
    provider.capture({ providerRef: providerRefOf(payment), amount: next.capturedAmount }, tx),
  );
  await postCapture(tx, payment, next.capturedAmount);
  const captured = await write(tx, next, now);
  await publishPaymentCaptured(tx, captured, now);
  return captured;
}

/** Releases the hold; nothing was taken, so nothing is posted. */
export async function voidHeld(
  tx: FinanceTx,
  provider: PaymentProvider,
  payment: PaymentRow,
  now: Date,
): Promise<PaymentRow> {
  const next = applyMove(payment, { kind: "void" });
  await askProvider(() => provider.void({ providerRef: providerRefOf(payment) }, tx));
  return write(tx, next, now);
}

/** Returns `amount` of what was captured: platform revenue → clearing on the ledger. */
export async function refundCaptured(
  tx: FinanceTx,
  provider: PaymentProvider,
  payment: PaymentRow,
  amount: number,
  now: Date,
): Promise<PaymentRow> {
  const next = applyMove(payment, { kind: "refund", amount });
  const refundId = randomUUID();
  await askProvider(() => provider.refund({ providerRef: providerRefOf(payment), amount, refundId }, tx));
  await postRefund(tx, payment, amount, refundId);
  return write(tx, next, now);
}
