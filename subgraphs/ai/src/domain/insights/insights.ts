import { type LinearFit, leastSquares, type Summary, summarize } from "./statistics.ts";

// Health insights over one metric's readings (README "Health insights": the formulas). Pure: the
// caller passes the readings user gave it, the user's goal, and the moment the series was read.

export const DAY_MS = 24 * 3600_000;
/** The trailing windows of the simple moving averages, in days. */
export const MOVING_AVERAGE_WINDOWS = [7, 30] as const;
/** A reading is compared with the readings of the BASELINE_DAYS before it (the user's own baseline). */
export const BASELINE_DAYS = 14;
/** Fewer readings than this in the baseline say nothing about what is usual: no anomaly is claimed. */
export const MIN_BASELINE_READINGS = 5;
/** A reading at least this many standard deviations from its baseline's mean is an anomaly. */
export const ANOMALY_Z = 2.5;
export const MIN_DAYS = 7;
export const MAX_DAYS = 90;

export interface Reading {
  at: Date;
  value: number;
}

export interface GoalFacts {
  target: number;
  direction: "AT_LEAST" | "AT_MOST";
  deadline: Date | null;
}

export interface InsightInput {
  readings: readonly Reading[];
  goal: GoalFacts | null;
  /** When user read the series: windows end here. */
  now: Date;
  /** The analysed window (MIN_DAYS–MAX_DAYS): the trend and anomalies look at its readings. */
  days: number;
  /** Steps accumulate over a day: analyse each UTC day's sum, not the single readings. */
  dailySum: boolean;
}

export interface MovingAverage extends Summary {
  windowDays: number;
}

export interface Trend extends LinearFit {
  /** x = 0: the first reading of the window; x is in days from it. */
  origin: Date;
}

export interface Anomaly {
  at: Date;
  value: number;
  baseline: Summary;
  zScore: number;
}

export type ProjectionStatus = "ALREADY_MET" | "ON_TRACK" | "MOVING_AWAY" | "NO_TREND";

export interface GoalProjection extends GoalFacts {
  status: ProjectionStatus;
  latestValue: number | null;
  /** When the trend line reaches the target; null unless ON_TRACK. */
  projectedAt: Date | null;
  /** Whether projectedAt is on or before the deadline; null without a deadline or a projection. */
  beforeDeadline: boolean | null;
}

export interface Insights {
  days: number;
  from: Date;
  to: Date;
  /** The readings analysed (daily sums for STEPS), oldest first. */
  readings: Reading[];
  movingAverages: MovingAverage[];
  trend: Trend | null;
  anomalies: Anomaly[];
  goalProjection: GoalProjection | null;
}

const byTime = (a: Reading, b: Reading) => a.at.getTime() - b.at.getTime();

/** Each UTC day's readings summed into one reading at that day's midnight. */
export function dailySums(readings: readonly Reading[]): Reading[] {
  const days = new Map<number, number>();
  for (const r of readings) {
    const day = Math.floor(r.at.getTime() / DAY_MS) * DAY_MS;
    days.set(day, (days.get(day) ?? 0) + r.value);
  }
  return [...days].map(([day, value]) => ({ at: new Date(day), value })).sort(byTime);
}

/** Readings with from < at ≤ to. */
const within = (readings: readonly Reading[], from: number, to: number) =>
  readings.filter((r) => r.at.getTime() > from && r.at.getTime() <= to);

export function movingAverages(readings: readonly Reading[], now: Date): MovingAverage[] {
  return MOVING_AVERAGE_WINDOWS.map((windowDays) => ({
    windowDays,
    ...summarize(within(readings, now.getTime() - windowDays * DAY_MS, now.getTime()).map((r) => r.value)),
  }));
}

export function trendOf(readings: readonly Reading[]): Trend | null {
  const [first] = readings;
  if (!first) return null;
  const origin = first.at.getTime();
  const fit = leastSquares(readings.map((r) => ({ x: (r.at.getTime() - origin) / DAY_MS, y: r.value })));
  return fit ? { ...fit, origin: first.at } : null;
}

/** The readings of `window` that lie ANOMALY_Z or more standard deviations from their baseline. */
export function anomaliesOf(window: readonly Reading[], history: readonly Reading[]): Anomaly[] {
  const anomalies: Anomaly[] = [];
  for (const reading of window) {
    const to = reading.at.getTime();
    const before = history.filter(
      (r) => r.at.getTime() >= to - BASELINE_DAYS * DAY_MS && r.at.getTime() < to,
    );
    const baseline = summarize(before.map((r) => r.value));
    if (baseline.n < MIN_BASELINE_READINGS || baseline.std === 0) continue;
    const zScore = (reading.value - baseline.mean) / baseline.std;
    if (Math.abs(zScore) >= ANOMALY_Z)
      anomalies.push({ at: reading.at, value: reading.value, baseline, zScore });
  }
  return anomalies;
}

const met = (goal: GoalFacts, value: number) =>
  goal.direction === "AT_LEAST" ? value >= goal.target : value <= goal.target;

/** When the trend line reaches the goal's target, or why it will not. */
export function projectGoal(
  goal: GoalFacts,
  readings: readonly Reading[],
  trend: Trend | null,
): GoalProjection {
  const latestValue = readings.at(-1)?.value ?? null;
  const none = { latestValue, projectedAt: null, beforeDeadline: null };
  if (latestValue !== null && met(goal, latestValue)) return { ...goal, ...none, status: "ALREADY_MET" };
  if (!trend || trend.slope === 0) return { ...goal, ...none, status: "NO_TREND" };
  const towards = goal.direction === "AT_LEAST" ? trend.slope > 0 : trend.slope < 0;
  if (!towards) return { ...goal, ...none, status: "MOVING_AWAY" };
  const x = (goal.target - trend.intercept) / trend.slope;
  const projectedAt = new Date(trend.origin.getTime() + Math.round(x * DAY_MS));
  return {
    ...goal,
    latestValue,
    status: "ON_TRACK",
    projectedAt,
    beforeDeadline: goal.deadline ? projectedAt.getTime() <= goal.deadline.getTime() : null,
  };
}

export function computeInsights(input: InsightInput): Insights {
  const series = input.dailySum ? dailySums(input.readings) : [...input.readings].sort(byTime);
  const to = input.now.getTime();
  const from = to - input.days * DAY_MS;
  const window = within(series, from, to);
  const trend = trendOf(window);
  return {
    days: input.days,
    from: new Date(from),
    to: input.now,
    readings: window,
    movingAverages: movingAverages(series, input.now),
    trend,
    anomalies: anomaliesOf(window, series),
    goalProjection: input.goal ? projectGoal(input.goal, window, trend) : null,
  };
}
