import type { Actor } from "@health/platform/auth";
import type { UserDb, UserTx } from "../../db.ts";
import { readHealthData } from "../access/healthData.ts";
import type { HealthDataRead } from "../access/rules.ts";
import { narrowForAi } from "../consent/aiRules.ts";
import { HEALTH_METRICS, type HealthMetric, METRIC_SPECS } from "../metrics.ts";

/** ai analyses at most this many days back (its `days` argument's maximum). */
export const INSIGHT_SOURCE_DAYS = 90;
/** The newest readings per metric handed to ai; a device syncing every minute cannot make it unbounded. */
export const MAX_INSIGHT_READINGS = 5_000;

const DAY_MS = 24 * 3600_000;

export interface InsightMetricSourceView {
  metric: HealthMetric;
  unit: string;
  allowed: boolean;
  refusal: string | null;
  readings: Array<{ at: Date; value: number }>;
  goal: { target: number; direction: string; deadline: Date | null } | null;
}

export interface InsightSourceView {
  generatedAt: Date;
  days: number;
  metrics: InsightMetricSourceView[];
}

type MetricRead = HealthDataRead & { metric: HealthMetric };

async function loadMetric(tx: UserTx, ownerId: string, metric: HealthMetric, since: Date, now: Date) {
  const [rows, goal] = await Promise.all([
    tx.healthRecord.findMany({
      where: { userId: ownerId, metric, recordedAt: { gt: since, lte: now } },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: MAX_INSIGHT_READINGS,
      select: { recordedAt: true, value: true },
    }),
    tx.healthGoal.findUnique({ where: { userId_metric: { userId: ownerId, metric } } }),
  ]);
  return {
    readings: rows.reverse().map((r) => ({ at: r.recordedAt, value: Number(r.value) })),
    goal: goal ? { target: Number(goal.target), direction: goal.direction, deadline: goal.deadline } : null,
  };
}

/**
 * Every metric of one owner for ai's insights, read as `actor` through ai: each metric is one read of
 * HEALTH_RECORDS (its goal travels with it), decided by the usual rule narrowed by the owner's AI consent,
 * logged with `via = ai`, and told to the platform as health_data_accessed. A refused metric comes back
 * with its reason and no data (ai answers FORBIDDEN with it).
 */
export async function insightSourceOf(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  now: Date,
): Promise<InsightSourceView> {
  const consents = await db.aiConsentGrant.findMany({ where: { ownerId } });
  const since = new Date(now.getTime() - INSIGHT_SOURCE_DAYS * DAY_MS);
  const reads: MetricRead[] = HEALTH_METRICS.map((metric) => ({
    ownerId,
    resource: "HEALTH_RECORDS",
    metric,
  }));
  const results = await readHealthData(
    db,
    actor,
    reads,
    now,
    (tx, allowed) => Promise.all(allowed.map(({ read }) => loadMetric(tx, ownerId, read.metric, since, now))),
    { via: "ai", narrow: (read, decision) => narrowForAi(decision, ownerId, read.metric, consents, now) },
  );
  return {
    generatedAt: now,
    days: INSIGHT_SOURCE_DAYS,
    metrics: HEALTH_METRICS.map((metric, i) => {
      const result = results[i];
      const unit = METRIC_SPECS[metric].unit;
      if (!result || result instanceof Error) {
        return {
          metric,
          unit,
          allowed: false,
          refusal: result?.message ?? "refused",
          readings: [],
          goal: null,
        };
      }
      return { metric, unit, allowed: true, refusal: null, ...result };
    }),
  };
}
