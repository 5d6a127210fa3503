import type { Actor } from "@health/platform/auth";
import { assertNever, conflict } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { isUniqueViolation } from "@health/platform/prisma";
import { inIdempotentSagaTransaction, type SagaDefinition, startSaga } from "@health/platform/saga";
import type { BizDb, BizTx } from "../../db.ts";
import type { CommunityMembership } from "../../generated/prisma/client.ts";
import { CommunityRole, MembershipStatus } from "../../generated/prisma/enums.ts";
import { liveMembership, readCommunity } from "./communities.ts";
import type { CommunityMembershipData } from "./paymentSaga.ts";
import { checkMayRemove, decideJoin, decideLeave, decideRoleChange, openMembershipKey } from "./rules.ts";

// Joining, leaving and the roles of a group's members (M08). Every change that depends on who holds
// which role runs under the group's row lock, and its writes are conditional on the rows it read, so two
// changes at once (a hand-over and the new owner leaving) cannot both succeed.

/** What membership effects need: the database and the saga that has finance take a paid group's price. */
export interface MembershipEffects {
  db: BizDb;
  communityMembership: SagaDefinition<CommunityMembershipData>;
}

/**
 * Joins a group under the caller's idempotency key, in ONE transaction: a free group makes the caller an
 * ACTIVE MEMBER at once; a paid one writes the membership PENDING and starts the payment saga
 * (paymentSaga.ts). A retry under the key answers the same membership; the key for another group, or a
 * second live membership of this one, is CONFLICT.
 */
export async function joinCommunity(
  effects: MembershipEffects,
  actor: Actor,
  input: { communityId: string; idempotencyKey: string },
  now: Date,
): Promise<CommunityMembership> {
  const communityId = uuidArg(input.communityId, "id", "a community id");
  try {
    const id = await inIdempotentSagaTransaction(
      effects.db,
      {
        callerId: actor.userId,
        key: input.idempotencyKey,
        parameters: { operation: "joinCommunity", communityId },
      },
      now,
      async (tx, ctx) => {
        const community = await readCommunity(tx, communityId);
        const plan = decideJoin(community, await liveMembership(tx, communityId, actor.userId));
        const membership = await tx.communityMembership.create({
          data: {
            communityId,
            userId: actor.userId,
            role: CommunityRole.MEMBER,
            status: plan.kind === "pay" ? MembershipStatus.PENDING : MembershipStatus.ACTIVE,
            amount: plan.kind === "pay" ? plan.amount : 0,
            currency: community.currency,
            openKey: openMembershipKey(communityId, actor.userId),
            createdAt: now,
          },
        });
        if (plan.kind === "pay") {
          const { id: membershipId, amount, currency } = membership;
          await startSaga(effects.communityMembership, ctx, membershipId, {
            membershipId,
            communityId,
            memberId: actor.userId,
            amount,
            currency,
          });
        }
        return membership.id;
      },
      { field: "idempotencyKey" },
    );
    return effects.db.communityMembership.findUniqueOrThrow({ where: { id } });
  } catch (error) {
    // Two joins of one group by one user under different keys at once: the second finds the first.
    if (isUniqueViolation(error)) throw conflict(`You are joining or in community ${communityId} already.`);
    throw error;
  }
}

/** Who a role change or removal is between: the caller's and the target's live memberships, if any. */
interface Standings {
  caller: CommunityMembership | null;
  target: CommunityMembership | null;
}

/**
 * Runs `work` in one transaction holding the group's row lock (NOT_FOUND when there is none), so role
 * changes and removals in one group queue, with the caller's and member `userId`'s live memberships.
 */
async function withStandings<T>(
  db: BizDb,
  actor: Actor,
  input: { communityId: string; userId: string },
  now: Date,
  work: (tx: BizTx, ids: { communityId: string; userId: string }, standings: Standings) => Promise<T>,
): Promise<T> {
  const communityId = uuidArg(input.communityId, "communityId", "a community id");
  const userId = uuidArg(input.userId, "userId", "a user id");
  return db.$transaction(async (tx) => {
    await readCommunity(tx, communityId, "communityId");
    await tx.community.update({ where: { id: communityId }, data: { updatedAt: now } });
    const caller = await liveMembership(tx, communityId, actor.userId);
    const target = await liveMembership(tx, communityId, userId);
    return work(tx, { communityId, userId }, { caller, target });
  });
}

/** Moves `membership` on, provided it is still ACTIVE (with `role` when given); CONFLICT if it moved meanwhile. */
async function updateActive(
  tx: BizTx,
  membership: CommunityMembership,
  data: { role?: CommunityRole; status?: MembershipStatus; openKey?: null },
  role?: CommunityRole,
): Promise<CommunityMembership> {
  const { count } = await tx.communityMembership.updateMany({
    where: { id: membership.id, status: MembershipStatus.ACTIVE, ...(role && { role }) },
    data,
  });
  if (count === 0) throw conflict("The membership changed meanwhile; read the community again and retry.");
  return tx.communityMembership.findUniqueOrThrow({ where: { id: membership.id } });
}

/** Ends the caller's membership (LEFT). The owner hands the group over first; nothing is refunded. */
export async function leaveCommunity(db: BizDb, actor: Actor, id: string): Promise<CommunityMembership> {
  const communityId = uuidArg(id, "id", "a community id");
  return db.$transaction(async (tx) => {
    await readCommunity(tx, communityId);
    const mine = decideLeave(communityId, await liveMembership(tx, communityId, actor.userId));
    return updateActive(tx, mine, { status: MembershipStatus.LEFT, openKey: null }, mine.role);
  });
}

/**
 * Gives member `userId` `role`: the owner appoints or dismisses admins, or hands the group over (role
 * OWNER: the target becomes its owner, the old owner an ADMIN). Anyone else is FORBIDDEN.
 */
export function setCommunityRole(
  db: BizDb,
  actor: Actor,
  input: { communityId: string; userId: string; role: CommunityRole },
  now = new Date(),
): Promise<CommunityMembership> {
  return withStandings(db, actor, input, now, async (tx, { communityId, userId }, { caller, target }) => {
    const change = decideRoleChange(communityId, caller, userId, target, input.role);
    switch (change.kind) {
      case "unchanged":
        return change.membership;
      case "set":
        return updateActive(tx, change.target, { role: change.role });
      case "handOver":
        await tx.community.update({ where: { id: communityId }, data: { ownerId: userId } });
        await updateActive(tx, change.owner, { role: CommunityRole.ADMIN }, CommunityRole.OWNER);
        return updateActive(tx, change.target, { role: CommunityRole.OWNER });
      default:
        return assertNever(change);
    }
  });
}

/** Removes member `userId` (REMOVED): the owner removes anyone else, an admin plain members. */
export function removeCommunityMember(
  db: BizDb,
  actor: Actor,
  input: { communityId: string; userId: string },
  now = new Date(),
): Promise<CommunityMembership> {
  return withStandings(db, actor, input, now, (tx, { communityId, userId }, { caller, target }) => {
    const removed = checkMayRemove(communityId, caller, userId, target);
    return updateActive(tx, removed, { status: MembershipStatus.REMOVED, openKey: null }, removed.role);
  });
}
