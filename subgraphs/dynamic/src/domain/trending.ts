import { badInput } from "@health/platform/errors";
import type { DynamicDb } from "../db.ts";
import { type Activity, Prisma } from "../generated/prisma/client.ts";
import { HEALTH_DERIVED_TYPES } from "./activityKinds.ts";
import { activitiesInOrder } from "./feed.ts";
import { pageSizeOf } from "./pagination.ts";
import { TRENDING_AGE_OFFSET_HOURS, TRENDING_GRAVITY } from "./ranking.ts";

export const DEFAULT_TRENDING_WINDOW_HOURS = 24;
export const MAX_TRENDING_WINDOW_HOURS = 7 * 24;

export function trendingWindow(hours: number | null | undefined): number {
  const window = hours ?? DEFAULT_TRENDING_WINDOW_HOURS;
  if (!Number.isInteger(window) || window < 1 || window > MAX_TRENDING_WINDOW_HOURS) {
    throw badInput("window", `window must be between 1 and ${MAX_TRENDING_WINDOW_HOURS} hours.`);
  }
  return window;
}

/**
 * PUBLIC activities of the last `window` hours by `trendingScore` (ranking.ts), computed in SQL with the
 * same constants, highest first, ties by newest id. Anyone may read it, so health-derived kinds are
 * left out by type as well (they are never PUBLIC: a database check).
 */
export async function readTrending(
  db: DynamicDb,
  query: { window?: number | null; first?: number | null },
  now: Date,
): Promise<Activity[]> {
  const hours = trendingWindow(query.window);
  const size = pageSizeOf(query.first);
  const since = new Date(now.getTime() - hours * 3600_000);
  const rows = await db.$queryRaw<Array<{ id: string }>>(Prisma.sql`
    SELECT id::text AS id FROM (
      SELECT id,
             (like_count + 2 * comment_count + 1)::float8
               / power(GREATEST(0, extract(epoch FROM (${now}::timestamptz - occurred_at))) / 3600.0
                       + ${TRENDING_AGE_OFFSET_HOURS}::float8, ${TRENDING_GRAVITY}::float8) AS score
      FROM activities
      WHERE visibility = 'PUBLIC' AND occurred_at >= ${since}::timestamptz
        AND NOT (type::text = ANY(${HEALTH_DERIVED_TYPES}::text[]))
    ) scored
    ORDER BY score DESC, id DESC
    LIMIT ${size}`);
  return activitiesInOrder(
    db,
    rows.map((row) => row.id),
  );
}
