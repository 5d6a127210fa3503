/**
 * The health metrics this subgraph stores, with their unit and the range a real measurement can fall
 * in. Values outside the range are typing mistakes or broken devices, and are refused.
 */
export const HealthMetric = {
  WEIGHT: "WEIGHT",
  BLOOD_PRESSURE: "BLOOD_PRESSURE",
  GLUCOSE: "GLUCOSE",
  HEART_RATE: "HEART_RATE",
  STEPS: "STEPS",
  SLEEP: "SLEEP",
} as const;
export type HealthMetric = (typeof HealthMetric)[keyof typeof HealthMetric];

export const HEALTH_METRICS = Object.values(HealthMetric);

export interface Range {
  min: number;
  max: number;
}

export interface MetricSpec {
  unit: string;
  /** For BLOOD_PRESSURE this is the systolic range (the number stored as `value`). */
  range: Range;
  /** Whole numbers only (a step count, beats per minute). */
  integer: boolean;
  /**
   * How a goal's current value is computed: `latest` record, or the `dailySum` of the UTC day's records
   * (steps accumulate over a day; every other metric is a reading).
   */
  progress: "latest" | "dailySum";
}

export const METRIC_SPECS: Record<HealthMetric, MetricSpec> = {
  WEIGHT: { unit: "kg", range: { min: 2, max: 500 }, integer: false, progress: "latest" },
  BLOOD_PRESSURE: { unit: "mmHg", range: { min: 50, max: 260 }, integer: true, progress: "latest" },
  GLUCOSE: { unit: "mmol/L", range: { min: 1, max: 40 }, integer: false, progress: "latest" },
  HEART_RATE: { unit: "bpm", range: { min: 20, max: 250 }, integer: true, progress: "latest" },
  STEPS: { unit: "count", range: { min: 0, max: 100_000 }, integer: true, progress: "dailySum" },
  SLEEP: { unit: "h", range: { min: 0, max: 24 }, integer: false, progress: "latest" },
};

export const SYSTOLIC_RANGE: Range = METRIC_SPECS.BLOOD_PRESSURE.range;
export const DIASTOLIC_RANGE: Range = { min: 30, max: 160 };

export const inRange = (value: number, { min, max }: Range): boolean => value >= min && value <= max;
