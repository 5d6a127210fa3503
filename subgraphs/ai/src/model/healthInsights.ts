import { Field, Float, Int, ObjectType, registerEnumType } from "type-graphql";
import type { Insights } from "../domain/insights/insights.ts";
import { HealthMetric } from "./healthMetric.ts";

// Insights are health data (derived from it): computed per request for a caller user allowed, never stored.

const ProjectionStatus = {
  ALREADY_MET: "ALREADY_MET",
  ON_TRACK: "ON_TRACK",
  MOVING_AWAY: "MOVING_AWAY",
  NO_TREND: "NO_TREND",
} as const;
registerEnumType(ProjectionStatus, {
  name: "GoalProjectionStatus",
  description:
    "ALREADY_MET (the latest reading meets the goal), ON_TRACK (the trend line reaches it at projectedAt), MOVING_AWAY (the trend goes the other way), NO_TREND (fewer than two readings, or flat).",
});

@ObjectType({ description: "A reading analysed (for STEPS, one UTC day's sum at that day's midnight)." })
export class InsightReadingPoint {
  @Field(() => Date)
  at!: Date;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: "Simple moving average of the readings in the trailing window (from, to]." })
export class MovingAverage {
  @Field(() => Int)
  windowDays!: number;

  @Field(() => Int, { description: "Readings in the window." })
  n!: number;

  @Field(() => Float, { nullable: true, description: "Null when n = 0." })
  mean!: number | null;

  @Field(() => Float, { nullable: true, description: "Sample standard deviation (n − 1); null when n = 0." })
  std!: number | null;
}

@ObjectType({ description: "Least-squares line value = intercept + slopePerDay · days since `origin`." })
export class HealthTrend {
  @Field(() => Int)
  n!: number;

  @Field(() => Float)
  slopePerDay!: number;

  @Field(() => Float, { description: "The line's value at `origin`." })
  intercept!: number;

  @Field(() => Float, { description: "0–1: the share of the variance the line explains." })
  rSquared!: number;

  @Field(() => Date, { description: "The window's first reading: x = 0." })
  origin!: Date;
}

@ObjectType({
  description: "A reading |z| ≥ 2.5 standard deviations from the mean of the 14 days before it.",
})
export class HealthAnomaly {
  @Field(() => Date)
  at!: Date;

  @Field(() => Float)
  value!: number;

  @Field(() => Float)
  zScore!: number;

  @Field(() => Int, { description: "Readings in the baseline (at least 5)." })
  baselineN!: number;

  @Field(() => Float)
  baselineMean!: number;

  @Field(() => Float)
  baselineStd!: number;
}

@ObjectType({ description: "When the trend line reaches the user's goal for this metric." })
export class GoalProjection {
  @Field(() => Float)
  target!: number;

  @Field(() => String, { description: "AT_LEAST or AT_MOST, as the goal says." })
  direction!: string;

  @Field(() => Date, { nullable: true })
  deadline!: Date | null;

  @Field(() => ProjectionStatus)
  status!: keyof typeof ProjectionStatus;

  @Field(() => Float, { nullable: true })
  latestValue!: number | null;

  @Field(() => Date, { nullable: true, description: "Only when ON_TRACK." })
  projectedAt!: Date | null;

  @Field(() => Boolean, { nullable: true, description: "projectedAt ≤ deadline; null without either." })
  beforeDeadline!: boolean | null;
}

@ObjectType({
  description: "One metric's insights over the last `days` days, each with the numbers behind it.",
})
export class HealthInsights {
  @Field(() => HealthMetric)
  metric!: HealthMetric;

  @Field(() => String)
  unit!: string;

  @Field(() => Int)
  days!: number;

  @Field(() => Date)
  from!: Date;

  @Field(() => Date, { description: "When user read the series." })
  to!: Date;

  @Field(() => [InsightReadingPoint])
  readings!: InsightReadingPoint[];

  @Field(() => [MovingAverage])
  movingAverages!: MovingAverage[];

  @Field(() => HealthTrend, { nullable: true, description: "Null with fewer than two readings." })
  trend!: HealthTrend | null;

  @Field(() => [HealthAnomaly])
  anomalies!: HealthAnomaly[];

  @Field(() => GoalProjection, { nullable: true, description: "Null when the user has no goal for it." })
  goalProjection!: GoalProjection | null;
}

export const toHealthInsights = (metric: HealthMetric, unit: string, insights: Insights): HealthInsights => ({
  metric,
  unit,
  days: insights.days,
  from: insights.from,
  to: insights.to,
  readings: insights.readings,
  movingAverages: insights.movingAverages.map((m) => ({
    windowDays: m.windowDays,
    n: m.n,
    mean: m.n === 0 ? null : m.mean,
    std: m.n === 0 ? null : m.std,
  })),
  trend: insights.trend && {
    n: insights.trend.n,
    slopePerDay: insights.trend.slope,
    intercept: insights.trend.intercept,
    rSquared: insights.trend.rSquared,
    origin: insights.trend.origin,
  },
  anomalies: insights.anomalies.map((a) => ({
    at: a.at,
    value: a.value,
    zScore: a.zScore,
    baselineN: a.baseline.n,
    baselineMean: a.baseline.mean,
    baselineStd: a.baseline.std,
  })),
  goalProjection: insights.goalProjection,
});
