import { describe, expect, it } from "vitest";
import { findDiscrepancies, type OrderFacts, type PaymentFacts } from "../src/domain/reconciliation/rules.ts";

const ORDER = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-0000000000ff";
const COACH = "00000000-0000-4000-8000-00000000c0ac";
const staleBefore = new Date("2026-12-04T00:00:00Z");
const today = new Date("2026-12-06T10:00:00Z");

const order = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  orderId: ORDER,
  status: "COMPLETED",
  amount: 10_000,
  currency: "CNY",
  coachId: COACH,
  ...over,
});

const payment = (over: Partial<PaymentFacts> = {}): PaymentFacts => ({
  id: ORDER,
  reference: `service_order:${ORDER}`,
  requester: "trade",
  status: "CAPTURED",
  amount: 10_000,
  currency: "CNY",
  capturedAmount: 10_000,
  refundedAmount: 0,
  createdAt: today,
  ...over,
});

const settled = { orderId: ORDER, paymentId: ORDER, amount: 10_000 };

const find = (orders: OrderFacts[], payments: PaymentFacts[], settlements = [settled]) =>
  findDiscrepancies({ orders, payments, settlements }, { staleBefore }).map((f) => ({
    kind: f.kind,
    repair: f.repair,
    subject: f.subject,
  }));

describe("findDiscrepancies", () => {
  it("finds nothing in a completed, captured and settled order, a cancelled one voided, a free one", () => {
    expect(find([order()], [payment()])).toEqual([]);
    expect(
      find([order({ status: "CANCELLED" })], [payment({ status: "VOIDED", capturedAmount: 0 })], []),
    ).toEqual([]);
    expect(
      find([order({ status: "CANCELLED" })], [payment({ status: "REFUNDED", refundedAmount: 10_000 })], []),
    ).toEqual([]);
    expect(find([order({ amount: 0 })], [], [])).toEqual([]);
    expect(
      find(
        [order({ status: "REQUESTED", coachId: null })],
        [payment({ status: "AUTHORIZED", capturedAmount: 0 })],
        [],
      ),
    ).toEqual([]);
  });

  it("flags money kept for an order that is cancelled, expired, not completed or unknown", () => {
    for (const status of ["CANCELLED", "EXPIRED", "REQUESTED"] as const) {
      expect(find([order({ status })], [payment()], [])).toEqual([
        { kind: "CAPTURED_WITHOUT_COMPLETED_ORDER", repair: null, subject: ORDER },
      ]);
    }
    expect(find([], [payment()], [])).toEqual([
      { kind: "CAPTURED_WITHOUT_COMPLETED_ORDER", repair: null, subject: ORDER },
    ]);
  });

  it("captures and settles a completed order's hold; flags one with no payment or a failed one", () => {
    expect(find([order()], [payment({ status: "AUTHORIZED", capturedAmount: 0 })], [])).toEqual([
      { kind: "COMPLETED_NOT_CAPTURED", repair: "CAPTURE_AND_SETTLE", subject: ORDER },
    ]);
    expect(find([order()], [], [])).toEqual([
      { kind: "COMPLETED_NOT_CAPTURED", repair: null, subject: ORDER },
    ]);
    expect(find([order()], [payment({ status: "VOIDED", capturedAmount: 0 })], [])).toEqual([
      { kind: "COMPLETED_NOT_CAPTURED", repair: null, subject: ORDER },
    ]);
  });

  it("settles a completed order's capture that was never settled", () => {
    expect(find([order()], [payment()], [])).toEqual([
      { kind: "COMPLETED_NOT_SETTLED", repair: "SETTLE", subject: ORDER },
    ]);
  });

  it("flags amounts that differ, and does not capture a hold whose amount differs", () => {
    expect(find([order({ amount: 12_000 })], [payment()])).toEqual([
      { kind: "AMOUNT_MISMATCH", repair: null, subject: `${ORDER}:${ORDER}` },
    ]);
    expect(find([order()], [payment()], [{ ...settled, amount: 9_000 }])).toEqual([
      { kind: "AMOUNT_MISMATCH", repair: null, subject: `${ORDER}:settlement` },
    ]);
    expect(
      find([order({ amount: 12_000 })], [payment({ status: "AUTHORIZED", capturedAmount: 0 })], []),
    ).toEqual([
      { kind: "COMPLETED_NOT_CAPTURED", repair: null, subject: ORDER },
      { kind: "AMOUNT_MISMATCH", repair: null, subject: `${ORDER}:${ORDER}` },
    ]);
  });

  it("flags a second payment kept for one order", () => {
    const second = payment({ id: OTHER, requester: null });
    expect(find([order()], [payment(), second])).toEqual([
      { kind: "DOUBLE_CAPTURE", repair: null, subject: ORDER },
    ]);
    // refunded in full: no longer kept, not a double capture
    expect(find([order()], [payment(), { ...second, status: "REFUNDED", refundedAmount: 10_000 }])).toEqual(
      [],
    );
  });

  it("voids the saga's hold on a cancelled or expired order, or on an unknown one once stale", () => {
    const held = payment({ status: "AUTHORIZED", capturedAmount: 0 });
    for (const status of ["CANCELLED", "EXPIRED"] as const) {
      expect(find([order({ status })], [held], [])).toEqual([
        { kind: "HANGING_AUTHORIZATION", repair: "VOID", subject: ORDER },
      ]);
    }
    expect(find([], [held], [])).toEqual([]); // fresh: its order's events may still be on their way
    expect(find([], [{ ...held, createdAt: new Date("2026-12-01T00:00:00Z") }], [])).toEqual([
      { kind: "HANGING_AUTHORIZATION", repair: "VOID", subject: ORDER },
    ]);
    // a payer's own payment naming the order is flagged, not voided
    const direct = { ...held, id: OTHER, requester: null };
    expect(find([order({ status: "CANCELLED" })], [direct], [])).toEqual([
      { kind: "HANGING_AUTHORIZATION", repair: null, subject: OTHER },
    ]);
  });
});
