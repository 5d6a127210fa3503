import { badInput } from "@health/platform/errors";
import { type HealthMetric, inRange, METRIC_SPECS } from "../metrics.ts";

export const GoalDirection = { AT_LEAST: "AT_LEAST", AT_MOST: "AT_MOST" } as const;
export type GoalDirection = (typeof GoalDirection)[keyof typeof GoalDirection];

export interface SetHealthGoalCommand {
  metric: HealthMetric;
  target: number;
  direction: GoalDirection;
  deadline?: Date | null;
}

export interface ValidGoal {
  metric: HealthMetric;
  target: number;
  direction: GoalDirection;
  deadline: Date | null;
}

/** A goal's target must be a value the metric can take (systolic for BLOOD_PRESSURE); a deadline lies ahead. */
export function validateGoal(input: SetHealthGoalCommand, now: Date): ValidGoal {
  const { range, unit } = METRIC_SPECS[input.metric];
  if (!Number.isFinite(input.target) || !inRange(input.target, range)) {
    throw badInput("input.target", `input.target must be between ${range.min} and ${range.max} ${unit}.`);
  }
  if (input.deadline && input.deadline.getTime() <= now.getTime()) {
    throw badInput("input.deadline", "input.deadline must be in the future.");
  }
  return {
    metric: input.metric,
    target: input.target,
    direction: input.direction,
    deadline: input.deadline ?? null,
  };
}

export const meetsGoal = (direction: GoalDirection, target: number, current: number): boolean =>
  direction === "AT_LEAST" ? current >= target : current <= target;

/**
 * How far along a goal is, 0..1: AT_LEAST is current / target; AT_MOST is 1 once at or under the
 * target, else target / current. Null when there is no record yet.
 */
export function goalProgress(
  direction: GoalDirection,
  target: number,
  current: number | null,
): number | null {
  if (current === null) return null;
  if (meetsGoal(direction, target, current)) return 1;
  if (direction === "AT_LEAST") return target === 0 ? 1 : Math.max(0, current / target);
  return current === 0 ? 1 : target / current;
}

/** A goal is achieved by a record that meets it before its deadline, once. */
export function achievesGoal(
  goal: { direction: GoalDirection; target: number; deadline: Date | null; achievedAt: Date | null },
  current: number,
  now: Date,
): boolean {
  if (goal.achievedAt !== null) return false;
  if (goal.deadline !== null && goal.deadline.getTime() < now.getTime()) return false;
  return meetsGoal(goal.direction, goal.target, current);
}
