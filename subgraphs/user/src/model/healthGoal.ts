import { Field, Float, ID, ObjectType, registerEnumType } from "type-graphql";
import type { GoalView } from "../domain/goals/goals.ts";
import { GoalDirection } from "../domain/goals/rules.ts";
import { METRIC_SPECS } from "../domain/metrics.ts";
import { HealthMetric } from "./healthMetric.ts";

registerEnumType(GoalDirection, { name: "GoalDirection" });

@ObjectType({
  description: "One goal per metric. STEPS progress is today's (UTC) sum; others use the latest record.",
})
export class HealthGoal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => Float)
  target!: number;

  @Field(() => String)
  unit!: string;

  @Field(() => GoalDirection)
  direction!: GoalDirection;

  @Field(() => Date, { nullable: true })
  deadline!: Date | null;

  @Field(() => Date, { nullable: true, description: "When a record first met the goal." })
  achievedAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description: "The value measured against the target; null with no record.",
  })
  current!: number | null;

  @Field(() => Float, { nullable: true, description: "0..1; 1 when met." })
  progress!: number | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toHealthGoal = (goal: GoalView): HealthGoal => ({
  ...goal,
  target: Number(goal.target),
  unit: METRIC_SPECS[goal.metric].unit,
});
