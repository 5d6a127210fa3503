import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import {
  canTransition,
  confirmationDeadline,
  isConfirmationOpen,
  isTerminal,
  ORDER_STATUSES,
  OrderStatus,
  transition,
} from "../src/domain/orders/stateMachine.ts";

const LEGAL: Array<[OrderStatus, OrderStatus]> = [
  ["CREATED", "OPEN"],
  ["CREATED", "CANCELLED"],
  ["OPEN", "ASSIGNED"],
  ["OPEN", "CANCELLED"],
  ["OPEN", "EXPIRED"],
  ["ASSIGNED", "IN_SERVICE"],
  ["ASSIGNED", "CANCELLED"],
  ["IN_SERVICE", "AWAITING_CONFIRMATION"],
  ["AWAITING_CONFIRMATION", "COMPLETED"],
  ["AWAITING_CONFIRMATION", "DISPUTED"],
  ["DISPUTED", "COMPLETED"],
  ["DISPUTED", "CANCELLED"],
];
const isLegal = (from: OrderStatus, to: OrderStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as const));

describe("order state machine", () => {
  it("has enum values equal to their names", () => {
    for (const [name, value] of Object.entries(OrderStatus)) expect(value).toBe(name);
  });

  it.each(LEGAL)("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(transition("o-1", from, to)).toBe(to);
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !isLegal(from, to)))(
    "refuses %s → %s with CONFLICT naming the current state",
    (from, to) => {
      expect(canTransition(from, to)).toBe(false);
      let error: unknown;
      try {
        transition("o-1", from, to);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      const appError = error as AppError;
      expect(appError.extensions).toMatchObject({ code: "CONFLICT", currentState: from });
      expect(appError.message).toContain(`is ${from}`);
    },
  );

  it("never lets the coach's own move complete an order: COMPLETED only follows the customer's turn", () => {
    const intoCompleted = ORDER_STATUSES.filter((from) => canTransition(from, "COMPLETED"));
    expect(intoCompleted.sort()).toEqual(["AWAITING_CONFIRMATION", "DISPUTED"]);
    expect(canTransition("IN_SERVICE", "COMPLETED")).toBe(false);
  });

  it("keeps the confirmation window open until, not at, its deadline", () => {
    const markedDone = new Date("2030-01-01T00:00:00Z");
    const deadline = confirmationDeadline(markedDone, 72 * 3_600_000);
    expect(deadline.toISOString()).toBe("2030-01-04T00:00:00.000Z");
    expect(isConfirmationOpen(deadline, new Date(deadline.getTime() - 1))).toBe(true);
    expect(isConfirmationOpen(deadline, deadline)).toBe(false);
    expect(isConfirmationOpen(null, markedDone)).toBe(false);
  });

  it("has exactly the three final states", () => {
    expect(ORDER_STATUSES.filter(isTerminal).sort()).toEqual(["CANCELLED", "COMPLETED", "EXPIRED"]);
  });
});
