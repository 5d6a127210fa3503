import type { UserTx } from "../../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type HealthMetric, METRIC_SPECS } from "../metrics.ts";
import { utcDay } from "../time.ts";

export const valueKey = (ownerId: string, metric: HealthMetric): string => `${ownerId}|${metric}`;

/**
 * The number a goal is measured against, per owner and metric (see `MetricSpec.progress`): the latest
 * record, or for STEPS the sum over the UTC day of `day`. One query per kind, whatever the number of owners.
 */
export async function currentValues(
  tx: UserTx,
  ownerIds: readonly string[],
  metrics: readonly HealthMetric[],
  day: Date,
): Promise<Map<string, number>> {
  const values = new Map<string, number>();
  const owners = [...new Set(ownerIds)];
  const latest = [...new Set(metrics.filter((m) => METRIC_SPECS[m].progress === "latest"))];
  const summed = [...new Set(metrics.filter((m) => METRIC_SPECS[m].progress === "dailySum"))];
  if (owners.length === 0) return values;

  if (latest.length > 0) {
    const rows = await tx.$queryRaw<
      Array<{ user_id: string; metric: HealthMetric; value: number }>
    >(Prisma.sql`
      SELECT DISTINCT ON (user_id, metric) user_id::text AS user_id, metric::text AS metric, value::float8 AS value
      FROM health_records
      WHERE user_id = ANY(${owners}::uuid[]) AND metric::text = ANY(${latest}::text[])
      ORDER BY user_id, metric, recorded_at DESC, id DESC`);
    for (const row of rows) values.set(valueKey(row.user_id, row.metric), Number(row.value));
  }
  if (summed.length > 0) {
    const { start, end } = utcDay(day);
    const sums = await tx.healthRecord.groupBy({
      by: ["userId", "metric"],
      where: { userId: { in: owners }, metric: { in: summed }, recordedAt: { gte: start, lt: end } },
      _sum: { value: true },
    });
    for (const row of sums) values.set(valueKey(row.userId, row.metric), Number(row._sum.value ?? 0));
  }
  return values;
}
