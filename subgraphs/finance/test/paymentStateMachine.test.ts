import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import { applyMove, type PaymentMove, type PaymentState } from "../src/domain/payments/stateMachine.ts";
import { PaymentStatus } from "../src/generated/prisma/enums.ts";

const payment = (status: PaymentStatus, captured = 0, refunded = 0): PaymentState => ({
  id: "p1",
  status,
  amount: 1000,
  capturedAmount: captured,
  refundedAmount: refunded,
  failureReason: null,
});

const refusal = (state: PaymentState, move: PaymentMove) => {
  try {
    applyMove(state, move);
  } catch (error) {
    return error as AppError;
  }
  throw new Error("the move was allowed");
};

describe("the payment state machine", () => {
  it("walks created → authorized → captured → partially refunded → refunded", () => {
    let state = applyMove(payment(PaymentStatus.CREATED), { kind: "authorize" });
    expect(state.status).toBe(PaymentStatus.AUTHORIZED);
    state = applyMove(state, { kind: "capture" });
    expect(state).toMatchObject({ status: PaymentStatus.CAPTURED, capturedAmount: 1000 });
    state = applyMove(state, { kind: "refund", amount: 300 });
    expect(state).toMatchObject({ status: PaymentStatus.PARTIALLY_REFUNDED, refundedAmount: 300 });
    state = applyMove(state, { kind: "refund", amount: 700 });
    expect(state).toMatchObject({ status: PaymentStatus.REFUNDED, refundedAmount: 1000 });
  });

  it("fails a created payment with the reason, and voids an authorized one", () => {
    expect(
      applyMove(payment(PaymentStatus.CREATED), { kind: "fail", reason: "card_declined" }),
    ).toMatchObject({
      status: PaymentStatus.FAILED,
      failureReason: "card_declined",
    });
    expect(applyMove(payment(PaymentStatus.AUTHORIZED), { kind: "void" }).status).toBe(PaymentStatus.VOIDED);
  });

  it.each([
    [PaymentStatus.CREATED, { kind: "capture" } as const],
    [PaymentStatus.CREATED, { kind: "void" } as const],
    [PaymentStatus.AUTHORIZED, { kind: "refund", amount: 1 } as const],
    [PaymentStatus.CAPTURED, { kind: "void" } as const],
    [PaymentStatus.CAPTURED, { kind: "capture" } as const],
    [PaymentStatus.FAILED, { kind: "authorize" } as const],
    [PaymentStatus.VOIDED, { kind: "capture" } as const],
    [PaymentStatus.REFUNDED, { kind: "refund", amount: 1 } as const],
  ])("refuses from %s the move %o with CONFLICT naming the current state", (status, move) => {
    const error = refusal(payment(status, 1000, status === PaymentStatus.REFUNDED ? 1000 : 0), move);
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions).toEqual({ code: "CONFLICT", currentState: status });
    expect(error.message).toContain(`Payment p1 is ${status}`);
  });

  it("refuses a refund of more than what remains, or of nothing, naming amount", () => {
    for (const amount of [701, 0, -5, 1.5]) {
      const error = refusal(payment(PaymentStatus.PARTIALLY_REFUNDED, 1000, 300), { kind: "refund", amount });
      expect(error.extensions).toEqual({ code: "BAD_USER_INPUT", field: "amount" });
    }
  });
});
