import { AppError } from "@health/platform/errors";
import { describe, expect, it } from "vitest";
import { balancedEntries, MAX_ENTRY_AMOUNT, reasonOf } from "../src/domain/ledger/rules.ts";
import { canReadPoints } from "../src/domain/points/access.ts";
import {
  GOAL_ACHIEVED_POINTS,
  goalAchievedAward,
  HEALTH_ACTION_POINTS,
  healthActionAward,
  isValidAdjustment,
  SERVICE_COMPLETED_POINTS,
  serviceCompletedAward,
} from "../src/domain/points/rules.ts";

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? error.extensions.code : "not an AppError";
  }
  return "no error";
};

describe("balancedEntries", () => {
  it("merges legs per account, drops zero legs and orders them by account id (the lock order)", () => {
    expect(
      balancedEntries([
        { accountId: "c", amount: 5n },
        { accountId: "a", amount: -7n },
        { accountId: "c", amount: 2n },
        { accountId: "b", amount: 0n },
      ]),
    ).toEqual([
      { accountId: "a", amount: -7n },
      { accountId: "c", amount: 7n },
    ]);
  });

  it("refuses legs that do not sum to zero, fewer than two accounts, and amounts past the limit", () => {
    expect(
      codeOf(() =>
        balancedEntries([
          { accountId: "a", amount: 1n },
          { accountId: "b", amount: 0n },
        ]),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      codeOf(() =>
        balancedEntries([
          { accountId: "a", amount: 3n },
          { accountId: "a", amount: -3n },
        ]),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      codeOf(() =>
        balancedEntries([
          { accountId: "a", amount: MAX_ENTRY_AMOUNT + 1n },
          { accountId: "b", amount: -(MAX_ENTRY_AMOUNT + 1n) },
        ]),
      ),
    ).toBe("BAD_USER_INPUT");
  });
});

describe("points rules", () => {
  it("awards the documented amounts to the person the event is about", () => {
    expect(healthActionAward("u")).toEqual({
      userId: "u",
      points: HEALTH_ACTION_POINTS,
      reason: "health_action_recorded",
    });
    expect(goalAchievedAward("u")).toEqual({
      userId: "u",
      points: GOAL_ACHIEVED_POINTS,
      reason: "goal_achieved",
    });
    expect(serviceCompletedAward("c")).toEqual({
      userId: "c",
      points: SERVICE_COMPLETED_POINTS,
      reason: "service_completed",
    });
    expect([HEALTH_ACTION_POINTS, GOAL_ACHIEVED_POINTS, SERVICE_COMPLETED_POINTS]).toEqual([5, 50, 20]);
  });

  it("accepts an adjustment that is a non-zero whole number within the limit", () => {
    expect([10, -10, 1_000_000].map(isValidAdjustment)).toEqual([true, true, true]);
    expect([0, 1.5, 1_000_001, Number.NaN].map(isValidAdjustment)).toEqual([false, false, false, false]);
  });

  it("needs a reason of 1–500 characters", () => {
    expect(reasonOf("  goodwill ")).toBe("goodwill");
    expect(codeOf(() => reasonOf("  "))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => reasonOf("x".repeat(501)))).toBe("BAD_USER_INPUT");
  });

  it("lets the user and admins read points, no one else", () => {
    const actor = (userId: string, roles: ("user" | "admin")[]) => ({
      userId,
      roles,
      sessionId: "s",
      token: "t",
      expiresAt: new Date(),
    });
    expect(canReadPoints(actor("u", ["user"]), "u")).toBe(true);
    expect(canReadPoints(actor("a", ["user", "admin"]), "u")).toBe(true);
    expect(canReadPoints(actor("v", ["user"]), "u")).toBe(false);
    expect(canReadPoints(null, "u")).toBe(false);
  });
});
