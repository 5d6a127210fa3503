import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { UserContext } from "../context.ts";
import { Assessment, toAssessment } from "../model/assessment.ts";
import { DeviceBinding } from "../model/deviceBinding.ts";
import { HealthGoal, toHealthGoal } from "../model/healthGoal.ts";
import { HealthMetric } from "../model/healthMetric.ts";
import { HealthRecord, toHealthRecord } from "../model/healthRecord.ts";
import { User } from "../model/user.ts";

// Nullable fields: a refused read nulls that field with its FORBIDDEN error, not the whole User.
@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @ListSizedByFirst()
  @FieldResolver(() => [HealthRecord], { nullable: true, description: "Newest first (1–200)." })
  async healthRecords(
    @Root() user: User,
    @Ctx() ctx: UserContext,
    @Arg("metric", () => HealthMetric, { nullable: true }) metric: HealthMetric | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
  ): Promise<HealthRecord[]> {
    const rows = await ctx.loaders.recentHealthRecords.load({
      ownerId: user.id,
      metric: metric ?? null,
      first,
    });
    return rows.map(toHealthRecord);
  }

  @Authorized()
  @FieldResolver(() => HealthRecord, { nullable: true })
  async latestHealthRecord(
    @Root() user: User,
    @Ctx() ctx: UserContext,
    @Arg("metric", () => HealthMetric) metric: HealthMetric,
  ): Promise<HealthRecord | null> {
    const [row] = await ctx.loaders.recentHealthRecords.load({ ownerId: user.id, metric, first: 1 });
    return row ? toHealthRecord(row) : null;
  }

  @Authorized()
  @FieldResolver(() => [HealthGoal], { nullable: true })
  async healthGoals(@Root() user: User, @Ctx() ctx: UserContext): Promise<HealthGoal[]> {
    return (await ctx.loaders.healthGoals.load(user.id)).map(toHealthGoal);
  }

  @Authorized()
  @FieldResolver(() => Assessment, { nullable: true })
  async latestAssessment(@Root() user: User, @Ctx() ctx: UserContext): Promise<Assessment | null> {
    const row = await ctx.loaders.latestAssessment.load(user.id);
    return row ? toAssessment(row) : null;
  }

  @Authorized()
  @FieldResolver(() => [DeviceBinding], { nullable: true })
  deviceBindings(@Root() user: User, @Ctx() ctx: UserContext): Promise<DeviceBinding[]> {
    return ctx.loaders.deviceBindings.load(user.id);
  }
}
