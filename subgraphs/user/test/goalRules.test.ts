import { describe, expect, it } from "vitest";
import { achievesGoal, goalProgress, validateGoal } from "../src/domain/goals/rules.ts";

const now = new Date("2026-11-21T12:00:00Z");

describe("goals", () => {
  it("measures progress towards AT_LEAST and AT_MOST targets", () => {
    expect(goalProgress("AT_LEAST", 10_000, 5_000)).toBe(0.5);
    expect(goalProgress("AT_LEAST", 10_000, 12_000)).toBe(1);
    expect(goalProgress("AT_MOST", 80, 100)).toBe(0.8);
    expect(goalProgress("AT_MOST", 80, 79)).toBe(1);
    expect(goalProgress("AT_MOST", 80, null)).toBeNull();
  });

  it("is achieved once, before its deadline", () => {
    const goal = { direction: "AT_MOST" as const, target: 80, deadline: null, achievedAt: null };
    expect(achievesGoal(goal, 79.5, now)).toBe(true);
    expect(achievesGoal(goal, 81, now)).toBe(false);
    expect(achievesGoal({ ...goal, achievedAt: now }, 70, now)).toBe(false);
    expect(achievesGoal({ ...goal, deadline: new Date(now.getTime() - 1) }, 70, now)).toBe(false);
  });

  it("wants a target in the metric's range and a future deadline", () => {
    expect(() => validateGoal({ metric: "WEIGHT", target: 1, direction: "AT_MOST" }, now)).toThrow(
      /input.target/,
    );
    expect(() =>
      validateGoal({ metric: "STEPS", target: 10_000, direction: "AT_LEAST", deadline: now }, now),
    ).toThrow(/deadline/);
    expect(validateGoal({ metric: "STEPS", target: 10_000, direction: "AT_LEAST" }, now).deadline).toBeNull();
  });
});
