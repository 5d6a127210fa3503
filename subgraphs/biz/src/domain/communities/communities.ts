import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { BizDb } from "../../db.ts";
import { publishCommunityCreated } from "../../events/bizEvents.ts";
import type { CommunityMembership, Community as CommunityRow } from "../../generated/prisma/client.ts";
import { CommunityRole, MembershipStatus } from "../../generated/prisma/enums.ts";
import {
  type CreateCommunityCommand,
  checkMayReadMembers,
  openMembershipKey,
  type Standing,
  validateNewCommunity,
} from "./rules.ts";

// Community groups (M08; the seed's GET /communities/groups): created with their owner's membership and
// community_created in one transaction; listed and read by anyone; their member lists for members only.

export const COMMUNITIES_PAGE = { defaultSize: 20, maxSize: 100 };

/** Creates a group owned by `actor` (its one OWNER, ACTIVE) and announces community_created. */
export async function createCommunity(
  db: BizDb,
  actor: Actor,
  input: CreateCommunityCommand,
  now = new Date(),
): Promise<CommunityRow> {
  const checked = validateNewCommunity(input);
  return db.$transaction(async (tx) => {
    const community = await tx.community.create({
      data: { ...checked, ownerId: actor.userId, createdAt: now },
    });
    await tx.communityMembership.create({
      data: {
        communityId: community.id,
        userId: actor.userId,
        role: CommunityRole.OWNER,
        status: MembershipStatus.ACTIVE,
        amount: 0,
        currency: community.currency,
        openKey: openMembershipKey(community.id, actor.userId),
        createdAt: now,
      },
    });
    await publishCommunityCreated(tx, community, now);
    return community;
  });
}

/** A group by id, or NOT_FOUND (`field` names the argument it came from). */
export async function readCommunity(
  db: Pick<BizDb, "community">,
  id: string,
  field = "id",
): Promise<CommunityRow> {
  const communityId = uuidArg(id, field, "a community id");
  const community = await db.community.findUnique({ where: { id: communityId } });
  if (!community) throw notFound("Community", communityId);
  return community;
}

/** A page of groups, newest first: all of them, or those `memberId` is an ACTIVE member of. */
export async function listCommunities(
  db: BizDb,
  args: { first?: number | null; after?: string | null; memberId?: string | null },
): Promise<Page<CommunityRow>> {
  const { size, cursor } = pageRequest(args, COMMUNITIES_PAGE);
  const rows = await db.community.findMany({
    where: {
      ...(args.memberId && {
        memberships: { some: { userId: args.memberId, status: MembershipStatus.ACTIVE } },
      }),
      ...afterCursor(cursor),
    },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/** The live (PENDING or ACTIVE) membership of `userId` in a group, or null. */
export const liveMembership = (
  db: Pick<BizDb, "communityMembership">,
  communityId: string,
  userId: string,
): Promise<CommunityMembership | null> =>
  db.communityMembership.findUnique({ where: { openKey: openMembershipKey(communityId, userId) } });

/**
 * A page of a group's ACTIVE members, newest first, for one of them; FORBIDDEN for anyone else. `caller`
 * is the caller's membership as the rest of the request sees it (the resolver passes the per-request
 * `myMembership` loader's row), so an answer never shows the caller ACTIVE beside a FORBIDDEN list while
 * a payment activates them.
 */
export async function membersOf(
  db: BizDb,
  caller: Standing | null,
  communityId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CommunityMembership>> {
  const { size, cursor } = pageRequest(args, COMMUNITIES_PAGE);
  checkMayReadMembers(communityId, caller);
  const rows = await db.communityMembership.findMany({
    where: { communityId, status: MembershipStatus.ACTIVE, ...afterCursor(cursor) },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/** The number of ACTIVE members of each group, for the per-request loader. */
export async function memberCounts(db: BizDb, communityIds: readonly string[]): Promise<number[]> {
  const rows = await db.communityMembership.groupBy({
    by: ["communityId"],
    where: { communityId: { in: [...communityIds] }, status: MembershipStatus.ACTIVE },
    _count: { _all: true },
  });
  const counts = new Map(rows.map((row) => [row.communityId, row._count._all]));
  return communityIds.map((id) => counts.get(id) ?? 0);
}

/** `userId`'s latest membership of each group (whatever its status), for the per-request loader. */
export async function latestMemberships(
  db: BizDb,
  userId: string,
  communityIds: readonly string[],
): Promise<Array<CommunityMembership | null>> {
  const rows = await db.communityMembership.findMany({
    where: { userId, communityId: { in: [...communityIds] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    distinct: ["communityId"],
  });
  const byCommunity = new Map(rows.map((row) => [row.communityId, row]));
  return communityIds.map((id) => byCommunity.get(id) ?? null);
}
