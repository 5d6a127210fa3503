import { badInput, forbidden } from "@health/platform/errors";
import { z } from "zod";
import { DAILY_SUM_METRICS, type HealthMetric } from "../../model/healthMetric.ts";
import { computeInsights, type Insights, MAX_DAYS, MIN_DAYS } from "./insights.ts";

// What the router hands ai as `User.insightSource` (JSON: dates are strings). Checked, not trusted
// blindly: a malformed source is refused rather than analysed.
const sourceSchema = z.object({
  generatedAt: z.coerce.date(),
  days: z.number().int().positive(),
  metrics: z.array(
    z.object({
      metric: z.string(),
      unit: z.string(),
      allowed: z.boolean(),
      refusal: z.string().nullable(),
      readings: z.array(z.object({ at: z.coerce.date(), value: z.number() })),
      goal: z
        .object({
          target: z.number(),
          direction: z.enum(["AT_LEAST", "AT_MOST"]),
          deadline: z.coerce.date().nullable(),
        })
        .nullable(),
    }),
  ),
});

export const DEFAULT_DAYS = 30;

export function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < MIN_DAYS || days > MAX_DAYS) {
    throw badInput(
      "days",
      `days must be a whole number of days from ${MIN_DAYS} to ${MAX_DAYS}; got ${days}.`,
    );
  }
  return days;
}

/**
 * One metric's insights from user's source, for the caller user decided it for. Fails closed: no
 * source (user refused the whole read or did not answer) or a refused metric is FORBIDDEN, with user's
 * reason (e.g. "the owner has not allowed AI analysis of WEIGHT").
 */
export function insightsFromSource(
  source: unknown,
  metric: HealthMetric,
  days: number,
): { unit: string; insights: Insights } {
  checkDays(days);
  if (source === null || source === undefined) {
    throw forbidden("No insights: user did not hand ai this person's health data for you.");
  }
  const parsed = sourceSchema.safeParse(source);
  if (!parsed.success) throw new Error(`insightSource from user is malformed: ${parsed.error.message}`);
  const entry = parsed.data.metrics.find((m) => m.metric === metric);
  if (!entry) throw forbidden(`No insights: user handed ai no ${metric} data.`);
  if (!entry.allowed)
    throw forbidden(entry.refusal ?? `You may not have AI insights of ${metric} for this person.`);
  if (days > parsed.data.days) {
    throw badInput("days", `days must be at most ${parsed.data.days} (what user hands ai).`);
  }
  return {
    unit: entry.unit,
    insights: computeInsights({
      readings: entry.readings,
      goal: entry.goal,
      now: parsed.data.generatedAt,
      days,
      dailySum: DAILY_SUM_METRICS.includes(metric),
    }),
  };
}
