import { assertNever, badInput } from "@health/platform/errors";
import { stateMachine } from "@health/platform/stateMachine";
import { PaymentStatus } from "../../generated/prisma/enums.ts";

// The payment state machine (issue 19), pure: created → authorized (funds held) → captured → refunded
// (partially, then fully), or failed (declined), or voided (hold released). Every other move is a
// CONFLICT that names the current state (`extensions.currentState`).

export const paymentStates = stateMachine<PaymentStatus>("Payment", {
  CREATED: [PaymentStatus.AUTHORIZED, PaymentStatus.FAILED],
  AUTHORIZED: [PaymentStatus.CAPTURED, PaymentStatus.VOIDED],
  CAPTURED: [PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED],
  PARTIALLY_REFUNDED: [PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.REFUNDED],
  REFUNDED: [],
  FAILED: [],
  VOIDED: [],
});

export type PaymentMove =
  | { kind: "authorize" }
  | { kind: "fail"; reason: string }
  | { kind: "capture" }
  | { kind: "refund"; amount: number }
  | { kind: "void" };

/** What the rules read and write of a payment. */
export interface PaymentState {
  id: string;
  status: PaymentStatus;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  failureReason: string | null;
}

/** The state a move leads to (a refund: REFUNDED when it returns all that remains). */
export function targetOf(move: PaymentMove["kind"]): PaymentStatus {
  switch (move) {
    case "authorize":
      return PaymentStatus.AUTHORIZED;
    case "fail":
      return PaymentStatus.FAILED;
    case "capture":
      return PaymentStatus.CAPTURED;
    case "void":
      return PaymentStatus.VOIDED;
    case "refund":
      return PaymentStatus.REFUNDED;
    default:
      return assertNever(move);
  }
}

/** The amount a refund may still return. */
export const refundable = (payment: PaymentState): number => payment.capturedAmount - payment.refundedAmount;

/**
 * The payment after `move`, or CONFLICT naming its current state when the move is illegal from there;
 * a refund of more than what remains (or of nothing) is BAD_USER_INPUT on `amount`.
 */
export function applyMove(payment: PaymentState, move: PaymentMove): PaymentState {
  const status = paymentStates.transition(payment.id, payment.status, targetOf(move.kind));
  switch (move.kind) {
    case "authorize":
    case "void":
      return { ...payment, status };
    case "fail":
      return { ...payment, status, failureReason: move.reason };
    case "capture":
      return { ...payment, status, capturedAmount: payment.amount };
    case "refund": {
      const remaining = refundable(payment);
      if (!Number.isInteger(move.amount) || move.amount <= 0 || move.amount > remaining) {
        throw badInput(
          "amount",
          `amount must be a whole number of minor units, 1–${remaining}; got ${move.amount}.`,
        );
      }
      const refundedAmount = payment.refundedAmount + move.amount;
      const partly = refundedAmount < payment.capturedAmount;
      return { ...payment, status: partly ? PaymentStatus.PARTIALLY_REFUNDED : status, refundedAmount };
    }
    default:
      return assertNever(move);
  }
}
