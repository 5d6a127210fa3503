import { assertNever } from "@health/platform/errors";
import type { FinanceDb } from "../../db.ts";
import { PaymentStatus } from "../../generated/prisma/enums.ts";
import { lockPaymentIfAny, voidHeld } from "../payments/moves.ts";
import type { PaymentProvider } from "../payments/provider.ts";
import { captureAndSettle } from "../payments/sagaPayments.ts";
import { settleOrderPayment } from "../settlements/settle.ts";
import type { Finding } from "./rules.ts";

export interface RepairDeps {
  db: FinanceDb;
  payments: PaymentProvider;
  feeBps: number;
}

/**
 * Repairs one finding with the payment's own moves, in a transaction of its own, under the payment's
 * row lock. What the finding saw is checked again under the lock: if the payment moved since (a late
 * event, another run), nothing is done and the answer is false. Each move is idempotent besides (a
 * settlement once per order, the provider's capture and void).
 */
export function repair(deps: RepairDeps, finding: Finding, now: Date): Promise<boolean> {
  const { paymentId, orderId, coachId } = finding;
  if (!paymentId || !orderId || !finding.repair) return Promise.resolve(false);
  return deps.db.$transaction(async (tx) => {
    const payment = await lockPaymentIfAny(tx, paymentId);
    if (!payment) return false;
    switch (finding.repair) {
      case "VOID":
        if (payment.status !== PaymentStatus.AUTHORIZED) return false;
        await voidHeld(tx, deps.payments, payment, now);
        return true;
      case "CAPTURE_AND_SETTLE":
        if (payment.status !== PaymentStatus.AUTHORIZED || !coachId) return false;
        await captureAndSettle(tx, deps.payments, { orderId, coachId, feeBps: deps.feeBps }, now);
        return true;
      case "SETTLE": {
        if (payment.status !== PaymentStatus.CAPTURED || !coachId) return false;
        const settled = await settleOrderPayment(tx, {
          orderId,
          paymentId,
          coachId,
          amount: payment.capturedAmount,
          currency: payment.currency,
          feeBps: deps.feeBps,
        });
        return settled !== null;
      }
      case null:
        return false;
      default:
        return assertNever(finding.repair);
    }
  });
}
