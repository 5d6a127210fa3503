import { badInput, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { decodeCursor, keysetAfter, type Page, toPage } from "@health/platform/pagination";
import { erasedAmong } from "@health/platform/privacy";
import type { DynamicDb } from "../db.ts";
import { publishUserFollowed, publishUserUnfollowed } from "../events/followEvents.ts";
import type { FeedCache } from "./feedCache.ts";
import { pageSizeOf } from "./pagination.ts";

export interface FollowDeps {
  db: DynamicDb;
  feedCache: FeedCache;
}

/**
 * The caller follows `userId` (idempotent; a user cannot follow themselves). The row and its
 * user_followed event commit together; a repeat follow writes neither. Their feed changes, so its cached
 * page is invalidated once the row is in. Users belong to auth: any user id is accepted but an erased
 * person's (NOT_FOUND).
 */
export async function follow(deps: FollowDeps, followerId: string, userId: string): Promise<void> {
  const followeeId = uuidArg(userId, "userId", "a user id");
  if (followeeId === followerId) throw badInput("userId", "You cannot follow yourself.");
  if ((await erasedAmong(deps.db, [followeeId])).size > 0) throw notFound("User", followeeId);
  const followed = await deps.db.$transaction(async (tx) => {
    const [row] = await tx.follow.createManyAndReturn({
      data: [{ followerId, followeeId }],
      skipDuplicates: true,
    });
    if (row) await publishUserFollowed(tx, { followerId, followeeId, at: row.createdAt });
    return row !== undefined;
  });
  if (followed) await deps.feedCache.invalidate([followerId]);
}

/**
 * The caller stops following `userId` (idempotent): the removal and its user_unfollowed event commit
 * together; unfollowing someone not followed writes neither.
 */
export async function unfollow(deps: FollowDeps, followerId: string, userId: string): Promise<void> {
  const followeeId = uuidArg(userId, "userId", "a user id");
  const unfollowed = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.follow.deleteMany({ where: { followerId, followeeId } });
    if (count > 0) await publishUserUnfollowed(tx, { followerId, followeeId, at: new Date() });
    return count > 0;
  });
  if (unfollowed) await deps.feedCache.invalidate([followerId]);
}

export interface FollowListQuery {
  userId: string;
  first?: number | null;
  after?: string | null;
}

/** Who follows `userId` (`direction: "followers"`) or whom they follow, most recent first. */
export async function listFollows(
  db: DynamicDb,
  direction: "followers" | "following",
  query: FollowListQuery,
): Promise<Page<{ id: string; since: Date }>> {
  const userId = uuidArg(query.userId, "userId", "a user id");
  const size = pageSizeOf(query.first);
  const cursor = query.after ? decodeCursor(query.after, "after") : null;
  const [self, other] =
    direction === "followers"
      ? (["followeeId", "followerId"] as const)
      : (["followerId", "followeeId"] as const);
  const rows = await db.follow.findMany({
    where: {
      [self]: userId,
      ...keysetAfter(cursor, { at: "createdAt", id: other }),
    },
    orderBy: [{ createdAt: "desc" }, { [other]: "desc" }],
    take: size + 1,
  });
  const people = rows.map((row) => ({ id: row[other], since: row.createdAt }));
  return toPage(people, size, (person) => ({ at: person.since, id: person.id }));
}

/** Follower counts of many users (DataLoader batch). */
export async function followerCounts(db: DynamicDb, userIds: readonly string[]): Promise<number[]> {
  const groups = await db.follow.groupBy({
    by: ["followeeId"],
    where: { followeeId: { in: [...userIds] } },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((g) => [g.followeeId, g._count._all]));
  return userIds.map((id) => counts.get(id) ?? 0);
}

/** How many users each of many users follows (DataLoader batch). */
export async function followingCounts(db: DynamicDb, userIds: readonly string[]): Promise<number[]> {
  const groups = await db.follow.groupBy({
    by: ["followerId"],
    where: { followerId: { in: [...userIds] } },
    _count: { _all: true },
  });
  const counts = new Map(groups.map((g) => [g.followerId, g._count._all]));
  return userIds.map((id) => counts.get(id) ?? 0);
}

/** Whether `viewerId` follows each of `userIds` (DataLoader batch). */
export async function followsEach(
  db: DynamicDb,
  viewerId: string,
  userIds: readonly string[],
): Promise<boolean[]> {
  const rows = await db.follow.findMany({
    where: { followerId: viewerId, followeeId: { in: [...userIds] } },
    select: { followeeId: true },
  });
  const followed = new Set(rows.map((row) => row.followeeId));
  return userIds.map((id) => followed.has(id));
}
