import { Connection, toConnection } from "@health/platform/graphql";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { HealthRecordPage } from "../domain/records/records.ts";
import type { HealthRecord as HealthRecordRow } from "../generated/prisma/client.ts";
import { HealthGoal } from "./healthGoal.ts";
import { HealthMetric } from "./healthMetric.ts";

@ObjectType({ description: "One measurement, in the metric's unit." })
export class HealthRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => Float, { description: "In `unit`; for BLOOD_PRESSURE the systolic reading." })
  value!: number;

  @Field(() => String, { description: "kg, mmHg, mmol/L, bpm, count or h." })
  unit!: string;

  @Field(() => Int, { nullable: true })
  systolic!: number | null;

  @Field(() => Int, { nullable: true })
  diastolic!: number | null;

  @Field(() => String, { nullable: true, description: "Where the reading came from (a device, `manual`)." })
  source!: string | null;

  @Field(() => Date)
  recordedAt!: Date;

  @Field(() => Date)
  createdAt!: Date;
}

export const toHealthRecord = (row: HealthRecordRow): HealthRecord => ({ ...row, value: Number(row.value) });

@ObjectType()
export class HealthRecordConnection extends Connection(HealthRecord) {}

export const toHealthRecordConnection = (page: HealthRecordPage): HealthRecordConnection =>
  toConnection(page, toHealthRecord);

@ObjectType()
export class RecordHealthDataPayload {
  @Field(() => HealthRecord)
  record!: HealthRecord;

  @Field(() => [HealthGoal], { description: "Goals this record achieved." })
  achievedGoals!: HealthGoal[];
}
