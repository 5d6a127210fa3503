import { registerEnumType } from "type-graphql";

/** user's HealthMetric, the same values: a metric ai's insights are about (an input here, so equal to user's). */
export const HealthMetric = {
  WEIGHT: "WEIGHT",
  BLOOD_PRESSURE: "BLOOD_PRESSURE",
  GLUCOSE: "GLUCOSE",
  HEART_RATE: "HEART_RATE",
  STEPS: "STEPS",
  SLEEP: "SLEEP",
} as const;
export type HealthMetric = (typeof HealthMetric)[keyof typeof HealthMetric];

registerEnumType(HealthMetric, {
  name: "HealthMetric",
  description: "What a health record measures, each in one unit (see `HealthRecord.unit`).",
});

/** Metrics whose readings add up over a day (user's `progress: dailySum`): insights use daily sums. */
export const DAILY_SUM_METRICS: readonly HealthMetric[] = ["STEPS"];
