import { Field, Float, InputType, Int } from "type-graphql";
import { HealthMetric } from "./healthMetric.ts";

@InputType({ description: "A reading; ranges and units are those of `HealthMetric`." })
export class RecordHealthDataInput {
  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => Float, {
    nullable: true,
    description: "Required, except for BLOOD_PRESSURE (leave it empty).",
  })
  value?: number | null;

  @Field(() => Int, { nullable: true, description: "BLOOD_PRESSURE only, mmHg." })
  systolic?: number | null;

  @Field(() => Int, { nullable: true, description: "BLOOD_PRESSURE only, mmHg." })
  diastolic?: number | null;

  @Field(() => Date, {
    nullable: true,
    description: "Defaults to now; not in the future (5 min skew allowed).",
  })
  recordedAt?: Date | null;

  @Field(() => String, { nullable: true })
  source?: string | null;
}
