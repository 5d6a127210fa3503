import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination.ts";
import { listHealthRecords, recordHealthData } from "../domain/records/records.ts";
import { toHealthGoal } from "../model/healthGoal.ts";
import { HealthMetric } from "../model/healthMetric.ts";
import { RecordHealthDataInput } from "../model/healthRecord.inputs.ts";
import {
  HealthRecord,
  HealthRecordConnection,
  RecordHealthDataPayload,
  toHealthRecord,
  toHealthRecordConnection,
} from "../model/healthRecord.ts";

@Resolver(() => HealthRecord)
export class HealthRecordResolver {
  /** GET /users/{id}/health-data */
  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => HealthRecordConnection, {
    description: "Newest first. Owner, admin, or a coach granted the metric.",
  })
  async healthRecords(
    @Ctx() ctx: UserContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("metric", () => HealthMetric, { nullable: true }) metric: HealthMetric | null,
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–200" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<HealthRecordConnection> {
    const query = { ownerId: userId, metric, from, to, first, after };
    return toHealthRecordConnection(await listHealthRecords(ctx.deps.db, actorOf(ctx), query, new Date()));
  }

  @Authorized()
  @Mutation(() => RecordHealthDataPayload, { description: "Records a reading for the caller." })
  async recordHealthData(
    @Ctx() ctx: UserContext,
    @Arg("input", () => RecordHealthDataInput) input: RecordHealthDataInput,
  ): Promise<RecordHealthDataPayload> {
    const { record, achievedGoals } = await recordHealthData(ctx.deps.db, actorOf(ctx), input, new Date());
    return {
      record: toHealthRecord(record),
      achievedGoals: achievedGoals.map(toHealthGoal),
    };
  }
}
