import { type Cursor, decodeCursor, type Page, toPage } from "@health/platform/pagination";
import type { DynamicDb } from "../db.ts";
import { type Activity, Prisma } from "../generated/prisma/client.ts";
import type { CachedFeedPage, FeedCache } from "./feedCache.ts";
import { pageSizeOf } from "./pagination.ts";
import { getFeedPreferences } from "./preferences.ts";
import { BOOST_WINDOW_MS } from "./ranking.ts";
import { logSharedReads } from "./sharedReads.ts";

export interface FeedQuery {
  first?: number | null;
  after?: string | null;
}

/** Activities by id, in the order of `ids` (ids no longer there are skipped). */
export async function activitiesInOrder(db: DynamicDb, ids: readonly string[]): Promise<Activity[]> {
  if (ids.length === 0) return [];
  const rows = await db.activity.findMany({ where: { id: { in: [...ids] } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The viewer's feed: their own activities (every visibility) and the PUBLIC and FOLLOWERS activities of
 * the users they follow, muted topics left out, ordered by rank (`ranking.ts`: `occurredAt`, plus the
 * boost window for boosted topics) then id, newest first. The first page is cached in Redis.
 */
export async function readFeed(
  deps: { db: DynamicDb; feedCache: FeedCache },
  viewerId: string,
  query: FeedQuery,
): Promise<Page<Activity>> {
  const size = pageSizeOf(query.first);
  const cursor = query.after ? decodeCursor(query.after, "after") : null;
  const prefs = await getFeedPreferences(deps.db, viewerId);
  const rank = { viewerId, muted: prefs.mutedTopics, boosted: prefs.boostedTopics, size };
  if (cursor) return hydrate(deps.db, viewerId, await rankFeed(deps.db, { ...rank, cursor }));

  const cache = await deps.feedCache.lookup(viewerId, prefs.version, size);
  if (cache.hit) return hydrate(deps.db, viewerId, cache.hit);
  const page = await rankFeed(deps.db, { ...rank, cursor: null });
  await cache.store(page);
  return hydrate(deps.db, viewerId, page);
}

async function hydrate(db: DynamicDb, viewerId: string, page: CachedFeedPage): Promise<Page<Activity>> {
  const nodes = await activitiesInOrder(db, page.ids);
  await logSharedReads(db, viewerId, nodes);
  return {
    nodes,
    endCursor: page.endCursor,
    hasNextPage: page.hasNextPage,
  };
}

interface RankQuery {
  viewerId: string;
  muted: readonly string[];
  boosted: readonly string[];
  size: number;
  cursor: Cursor | null;
}

async function rankFeed(db: DynamicDb, q: RankQuery): Promise<CachedFeedPage> {
  const after = q.cursor
    ? Prisma.sql`WHERE (rank_at, id) < (${q.cursor.at}::timestamptz, ${q.cursor.id}::uuid)`
    : Prisma.empty;
  const rows = await db.$queryRaw<Array<{ id: string; rank_at: Date }>>(Prisma.sql`
    SELECT id::text AS id, rank_at FROM (
      SELECT a.id,
             a.occurred_at + CASE WHEN a.topic = ANY(${q.boosted}::text[])
                                  THEN ${BOOST_WINDOW_MS}::int * interval '1 millisecond'
                                  ELSE interval '0' END AS rank_at
      FROM activities a
      WHERE (a.actor_id = ${q.viewerId}::uuid
             OR (a.visibility IN ('PUBLIC', 'FOLLOWERS')
                 AND a.actor_id IN (SELECT followee_id FROM follows WHERE follower_id = ${q.viewerId}::uuid)))
        AND NOT (a.topic = ANY(${q.muted}::text[]))
    ) ranked
    ${after}
    ORDER BY rank_at DESC, id DESC
    LIMIT ${q.size + 1}`);
  const page = toPage(rows, q.size, (row) => ({ at: new Date(row.rank_at), id: row.id }));
  return { ids: page.nodes.map((row) => row.id), endCursor: page.endCursor, hasNextPage: page.hasNextPage };
}
