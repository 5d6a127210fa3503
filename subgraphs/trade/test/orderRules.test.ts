import type { Actor, Role } from "@health/platform/auth";
import { describe, expect, it } from "vitest";
import { parseMoney } from "../src/domain/money.ts";
import { decideStatusChange, type OrderParties, validateOrder } from "../src/domain/orderRules.ts";
import type { OrderStatus } from "../src/domain/orderStateMachine.ts";

const actor = (userId: string, roles: Role[] = ["user"]): Actor => ({
  userId,
  roles,
  sessionId: "s",
  token: "t",
  expiresAt: new Date(),
});
const order = (status: OrderStatus): OrderParties => ({
  id: "o-1",
  customerId: "cust",
  coachId: "coach",
  status,
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  return null;
};
const now = new Date("2030-01-01T00:00:00Z");

describe("who may change an order's status", () => {
  it("lets the customer cancel and the assigned coach start and complete", () => {
    expect(decideStatusChange(actor("cust"), order("ASSIGNED"), "CANCELLED")).toBe("CANCELLED");
    expect(decideStatusChange(actor("coach", ["coach"]), order("ASSIGNED"), "IN_SERVICE")).toBe("IN_SERVICE");
    expect(decideStatusChange(actor("coach", ["coach"]), order("IN_SERVICE"), "COMPLETED")).toBe("COMPLETED");
  });

  it("keeps strangers out (NOT_FOUND) and the wrong party out (FORBIDDEN)", () => {
    expect(codeOf(() => decideStatusChange(actor("x"), order("OPEN"), "CANCELLED"))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(codeOf(() => decideStatusChange(actor("coach"), order("ASSIGNED"), "CANCELLED"))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(codeOf(() => decideStatusChange(actor("cust"), order("ASSIGNED"), "IN_SERVICE"))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("refuses system-only statuses as BAD_USER_INPUT on status", () => {
    for (const status of ["ASSIGNED", "OPEN", "EXPIRED", "CREATED"] as const) {
      expect(codeOf(() => decideStatusChange(actor("cust"), order("OPEN"), status))).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "status",
      });
    }
  });

  it("names the current state when the move is illegal", () => {
    expect(codeOf(() => decideStatusChange(actor("cust"), order("IN_SERVICE"), "CANCELLED"))).toMatchObject({
      code: "CONFLICT",
      currentState: "IN_SERVICE",
    });
  });
});

describe("order input", () => {
  const input = {
    serviceType: "consult",
    specialty: " Nutrition ",
    region: "Shanghai",
    priceAmount: 100,
    minCoachLevel: 1,
    description: "x",
  };

  it("defaults currency to CNY and duration to 60, normalizes tags", () => {
    expect(validateOrder(input, now)).toMatchObject({
      specialty: "nutrition",
      region: "shanghai",
      currency: "CNY",
      durationMinutes: 60,
    });
  });

  it("names the bad field", () => {
    expect(codeOf(() => validateOrder({ ...input, priceAmount: 1.5 }, now))).toMatchObject({
      field: "input.priceAmount",
    });
    expect(codeOf(() => validateOrder({ ...input, currency: "yuan" }, now))).toMatchObject({
      field: "input.currency",
    });
    expect(codeOf(() => validateOrder({ ...input, minCoachLevel: 0 }, now))).toMatchObject({
      field: "input.minCoachLevel",
    });
    expect(
      codeOf(() => validateOrder({ ...input, grabDeadline: new Date(now.getTime() - 1) }, now)),
    ).toMatchObject({
      field: "input.grabDeadline",
    });
  });

  it("keeps money as integers with an ISO currency", () => {
    expect(parseMoney(0, "usd", "input")).toEqual({ amount: 0, currency: "USD" });
  });
});
