import { Field, ObjectType } from "type-graphql";
import type { DeviceSyncResult } from "../domain/devices/sync.ts";
import { DeviceBinding } from "./deviceBinding.ts";
import { HealthGoal, toHealthGoal } from "./healthGoal.ts";
import { HealthRecord, toHealthRecord } from "./healthRecord.ts";

@ObjectType()
export class SyncDeviceDataPayload {
  @Field(() => DeviceBinding)
  deviceBinding!: DeviceBinding;

  @Field(() => [HealthRecord], { description: "The stored readings, newest first." })
  records!: HealthRecord[];

  @Field(() => [HealthGoal], { description: "Goals these readings achieved." })
  achievedGoals!: HealthGoal[];
}

export const toSyncDeviceDataPayload = (result: DeviceSyncResult): SyncDeviceDataPayload => ({
  deviceBinding: result.deviceBinding,
  records: result.records.map(toHealthRecord),
  achievedGoals: result.achievedGoals.map(toHealthGoal),
});
