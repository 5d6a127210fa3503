import { Field, Float, InputType } from "type-graphql";
import { GoalDirection } from "../domain/goals/rules.ts";
import { HealthMetric } from "./healthMetric.ts";

@InputType()
export class SetHealthGoalInput {
  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => Float, { description: "In the metric's unit and range (systolic for BLOOD_PRESSURE)." })
  target!: number;

  @Field(() => GoalDirection)
  direction!: GoalDirection;

  @Field(() => Date, { nullable: true })
  deadline?: Date | null;
}
