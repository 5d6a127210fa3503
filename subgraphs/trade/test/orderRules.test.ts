import type { Actor, Role } from "@health/platform/auth";
import { parseMoney } from "@health/platform/money";
import { describe, expect, it } from "vitest";
import {
  decideDispute,
  decideStatusChange,
  type OrderParties,
  validateOrder,
} from "../src/domain/orders/rules.ts";
import type { OrderStatus } from "../src/domain/orders/stateMachine.ts";

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
  it("lets the customer cancel, the assigned coach start and mark done, and the customer confirm", () => {
    const coach = actor("coach", ["coach"]);
    expect(decideStatusChange(actor("cust"), order("ASSIGNED"), "CANCELLED")).toBe("CANCELLED");
    expect(decideStatusChange(coach, order("ASSIGNED"), "IN_SERVICE")).toBe("IN_SERVICE");
    expect(decideStatusChange(coach, order("IN_SERVICE"), "AWAITING_CONFIRMATION")).toBe(
      "AWAITING_CONFIRMATION",
    );
    expect(decideStatusChange(actor("cust"), order("AWAITING_CONFIRMATION"), "COMPLETED")).toBe("COMPLETED");
  });

  it("never lets the coach complete an order: only the customer (or an admin) confirms", () => {
    const coach = actor("coach", ["coach"]);
    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"] as const) {
      const refused = codeOf(() => decideStatusChange(coach, order(status), "COMPLETED"));
      expect(refused).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(decideStatusChange(actor("a", ["admin"]), order("AWAITING_CONFIRMATION"), "COMPLETED")).toBe(
      "COMPLETED",
    );
  });

  it("leaves a DISPUTED order to an operator", () => {
    for (const target of ["COMPLETED", "CANCELLED"] as const) {
      expect(codeOf(() => decideStatusChange(actor("cust"), order("DISPUTED"), target))).toMatchObject({
        code: "FORBIDDEN",
      });
      expect(decideStatusChange(actor("a", ["admin"]), order("DISPUTED"), target)).toBe(target);
    }
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
    for (const status of ["ASSIGNED", "OPEN", "EXPIRED", "CREATED", "DISPUTED"] as const) {
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

describe("disputing a service", () => {
  const deadline = new Date(now.getTime() + 1_000);
  const awaiting = { ...order("AWAITING_CONFIRMATION"), confirmationDeadline: deadline };

  it("lets the customer dispute inside the confirmation window, with a reason", () => {
    expect(decideDispute(actor("cust"), awaiting, "  never showed up ", now)).toBe("never showed up");
  });

  it("refuses the coach (FORBIDDEN), an empty reason (BAD_USER_INPUT), a closed window or another state (CONFLICT)", () => {
    expect(codeOf(() => decideDispute(actor("coach"), awaiting, "x", now))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(codeOf(() => decideDispute(actor("cust"), awaiting, " ", now))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "reason",
    });
    expect(codeOf(() => decideDispute(actor("cust"), awaiting, "x", deadline))).toMatchObject({
      code: "CONFLICT",
      currentState: "AWAITING_CONFIRMATION",
    });
    const served = { ...order("COMPLETED"), confirmationDeadline: deadline };
    expect(codeOf(() => decideDispute(actor("cust"), served, "x", now))).toMatchObject({
      code: "CONFLICT",
      currentState: "COMPLETED",
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
