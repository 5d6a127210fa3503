import { assertNever, badInput, conflict } from "@health/platform/errors";
import { PaymentStatus } from "../../generated/prisma/enums.ts";

// The payment state machine (issue 19), pure: created → authorized (funds held) → captured → refunded
// (partially, then fully), or failed (declined), or voided (hold released). Every other move is a
// CONFLICT that names the current state.

export type PaymentMove =
  | { kind: "authorize" }
  | { kind: "fail"; reason: string }
  | { kind: "capture" }
  | { kind: "refund"; amount: number }
  | { kind: "void" };

/** What the rules read and write of a payment. */
export interface PaymentState {
  status: PaymentStatus;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  failureReason: string | null;
}

const FROM: Record<PaymentMove["kind"], readonly PaymentStatus[]> = {
  authorize: [PaymentStatus.CREATED],
  fail: [PaymentStatus.CREATED],
  capture: [PaymentStatus.AUTHORIZED],
  void: [PaymentStatus.AUTHORIZED],
  refund: [PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED],
};

const VERB: Record<PaymentMove["kind"], string> = {
  authorize: "authorized",
  fail: "failed",
  capture: "captured",
  void: "voided",
  refund: "refunded",
};

/** Whether `move` is allowed from `status` (amounts aside). */
export const canMove = (status: PaymentStatus, move: PaymentMove["kind"]): boolean =>
  FROM[move].includes(status);

/** The amount a refund may still return. */
export const refundable = (payment: PaymentState): number => payment.capturedAmount - payment.refundedAmount;

/**
 * The payment after `move`, or CONFLICT naming its current state (`extensions.currentState`) when the
 * move is illegal from there; a refund of more than what remains is BAD_USER_INPUT on `amount`.
 */
export function applyMove(payment: PaymentState, move: PaymentMove): PaymentState {
  if (!canMove(payment.status, move.kind)) {
    throw conflict(`Payment is ${payment.status}; it cannot be ${VERB[move.kind]}.`, {
      currentState: payment.status,
    });
  }
  switch (move.kind) {
    case "authorize":
      return { ...payment, status: PaymentStatus.AUTHORIZED };
    case "fail":
      return { ...payment, status: PaymentStatus.FAILED, failureReason: move.reason };
    case "capture":
      return { ...payment, status: PaymentStatus.CAPTURED, capturedAmount: payment.amount };
    case "void":
      return { ...payment, status: PaymentStatus.VOIDED };
    case "refund": {
      const remaining = refundable(payment);
      if (!Number.isInteger(move.amount) || move.amount <= 0 || move.amount > remaining) {
        throw badInput(
          "amount",
          `amount must be a whole number of minor units, 1–${remaining}; got ${move.amount}.`,
        );
      }
      const refundedAmount = payment.refundedAmount + move.amount;
      const status =
        refundedAmount === payment.capturedAmount ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
      return { ...payment, status, refundedAmount };
    }
    default:
      return assertNever(move);
  }
}
