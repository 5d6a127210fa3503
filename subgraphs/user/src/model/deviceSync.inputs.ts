import { Field, Float, ID, InputType, Int } from "type-graphql";
import { HealthMetric } from "./healthMetric.ts";

@InputType({ description: "One reading from a device; the rules of `RecordHealthDataInput` apply." })
export class DeviceReadingInput {
  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => Float, { nullable: true, description: "Required, except for BLOOD_PRESSURE." })
  value?: number | null;

  @Field(() => Int, { nullable: true, description: "BLOOD_PRESSURE only, mmHg." })
  systolic?: number | null;

  @Field(() => Int, { nullable: true, description: "BLOOD_PRESSURE only, mmHg." })
  diastolic?: number | null;

  @Field(() => Date, { nullable: true, description: "Defaults to now; not in the future." })
  recordedAt?: Date | null;
}

@InputType()
export class SyncDeviceDataInput {
  @Field(() => ID, { description: "One of the caller's device bindings." })
  deviceBindingId!: string;

  @Field(() => [DeviceReadingInput], { description: "1–500 readings, stored together or not at all." })
  readings!: DeviceReadingInput[];
}
