import { describe, expect, it } from "vitest";
import { computeInsights, DAY_MS, type GoalFacts, type Reading } from "../src/domain/insights/insights.ts";

// Every expected number below is worked out by hand in the comments beside it, not by the code under test.

const now = new Date("2026-03-31T12:00:00.000Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY_MS);

// Weight falling by 0.5 kg a day: 80, 79.5, ..., 75.5 at 9.5, 8.5, ..., 0.5 days ago.
const falling: Reading[] = Array.from({ length: 10 }, (_, i) => ({
  at: daysAgo(9.5 - i),
  value: 80 - 0.5 * i,
}));
const insightsOf = (readings: Reading[], goal: GoalFacts | null = null, dailySum = false) =>
  computeInsights({ readings, goal, now, days: 30, dailySum });

describe("health insights on a seeded series", () => {
  it("gives the 7- and 30-day moving averages with their n and standard deviation", () => {
    const [week, month] = insightsOf(falling).movingAverages;
    // Last 7 days: 78.5 … 75.5 (7 readings), mean 77; squared deviations 2.25+1+.25+0+.25+1+2.25 = 7, /6.
    expect(week).toMatchObject({ windowDays: 7, n: 7 });
    expect(week?.mean).toBeCloseTo(77, 10);
    expect(week?.std).toBeCloseTo(Math.sqrt(7 / 6), 10);
    // All 10: mean 80 − 0.5·4.5 = 77.75; squared deviations 0.25·Σ(i−4.5)² = 0.25·82.5 = 20.625, /9.
    expect(month).toMatchObject({ windowDays: 30, n: 10 });
    expect(month?.mean).toBeCloseTo(77.75, 10);
    expect(month?.std).toBeCloseTo(Math.sqrt(20.625 / 9), 10);
  });

  it("fits the least-squares trend from the first reading: −0.5 a day from 80, r² = 1", () => {
    const { trend } = insightsOf(falling);
    expect(trend?.n).toBe(10);
    expect(trend?.slope).toBeCloseTo(-0.5, 10);
    expect(trend?.intercept).toBeCloseTo(80, 10);
    expect(trend?.rSquared).toBeCloseTo(1, 10);
    expect(trend?.origin).toEqual(daysAgo(9.5));
  });

  it("projects the day the trend line reaches the goal, or says why it will not", () => {
    const deadline = new Date(now.getTime() + 10 * DAY_MS);
    // 80 − 0.5x = 74 → x = 12 days after the first reading (9.5 days ago) → 2.5 days from now.
    const onTrack = insightsOf(falling, { target: 74, direction: "AT_MOST", deadline }).goalProjection;
    expect(onTrack).toMatchObject({ status: "ON_TRACK", latestValue: 75.5, beforeDeadline: true });
    expect(onTrack?.projectedAt?.getTime()).toBe(now.getTime() + 2.5 * DAY_MS);

    const away = insightsOf(falling, { target: 85, direction: "AT_LEAST", deadline: null }).goalProjection;
    expect(away).toMatchObject({ status: "MOVING_AWAY", projectedAt: null, beforeDeadline: null });
    const met = insightsOf(falling, { target: 76, direction: "AT_MOST", deadline: null }).goalProjection;
    expect(met?.status).toBe("ALREADY_MET");
    expect(insightsOf(falling).goalProjection).toBeNull();
  });

  it("flags a reading far from the user's own baseline, with its z-score and baseline", () => {
    // A steady series (no reading is 2.5 std from the ones before it) has no anomaly.
    expect(insightsOf(falling).anomalies).toEqual([]);
    const spiky: Reading[] = [70, 72, 70, 72, 70, 72, 80].map((value, i) => ({
      at: daysAgo(7.5 - i),
      value,
    }));
    const { anomalies } = insightsOf(spiky);
    // Baseline of 80: the six before it, mean 71, squared deviations 6·1 = 6, /5 → std √1.2; z = 9/√1.2.
    expect(anomalies).toHaveLength(1);
    const [spike] = anomalies;
    expect(spike).toMatchObject({ value: 80, at: daysAgo(1.5), baseline: { n: 6, mean: 71 } });
    expect(spike?.baseline.std).toBeCloseTo(Math.sqrt(1.2), 10);
    expect(spike?.zScore).toBeCloseTo(9 / Math.sqrt(1.2), 10);
  });

  it("sums steps per UTC day and leaves out readings older than the window", () => {
    const steps: Reading[] = [
      { at: new Date("2026-03-30T08:00:00.000Z"), value: 1000 },
      { at: new Date("2026-03-30T18:00:00.000Z"), value: 2000 },
      { at: new Date("2026-03-29T09:00:00.000Z"), value: 500 },
      { at: daysAgo(45), value: 9000 },
    ];
    const insights = insightsOf(steps, null, true);
    expect(insights.readings).toEqual([
      { at: new Date("2026-03-29T00:00:00.000Z"), value: 500 },
      { at: new Date("2026-03-30T00:00:00.000Z"), value: 3000 },
    ]);
    // Two days, one apart: slope 2500 a day from 500.
    expect(insights.trend?.slope).toBeCloseTo(2500, 10);
    expect(insights.trend?.intercept).toBeCloseTo(500, 10);
  });
});
