import { badInput, conflict, forbidden, notFound } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import { CommunityRole, MembershipStatus } from "../../generated/prisma/enums.ts";

// The roles are the database's enum; resolvers name them through the domain (they import no Prisma).
export { CommunityRole };

// The pure rules of community groups (M08): what a group holds, who joins and how, who sees its members,
// and who changes whose role. A role that grants power is never chosen by the one it empowers: only the
// owner appoints and dismisses admins or hands the group over; nobody raises themself.

export const MAX_NAME_LENGTH = 80;
export const MAX_DESCRIPTION_LENGTH = 2_000;

export interface CreateCommunityCommand {
  name: string;
  description?: string | null;
  priceAmount?: number | null;
  currency?: string | null;
}

/** A caller's membership of a group as the rules see it. */
export interface Standing {
  userId: string;
  role: CommunityRole;
  status: MembershipStatus;
}

/** A new group, checked before anything is written (BAD_USER_INPUT naming `input.<field>`). */
export function validateNewCommunity(input: CreateCommunityCommand) {
  const price = parseMoney(input.priceAmount ?? 0, input.currency, "input");
  const description = input.description?.trim() ?? "";
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw badInput(
      "input.description",
      `input.description holds at most ${MAX_DESCRIPTION_LENGTH} characters.`,
    );
  }
  return {
    name: requiredText(input.name, "input.name", MAX_NAME_LENGTH),
    description,
    priceAmount: price.amount,
    currency: price.currency,
  };
}

/** The key held by a user's one live (PENDING or ACTIVE) membership of a group. */
export const openMembershipKey = (communityId: string, userId: string) => `${communityId}:${userId}`;

/** A live membership that makes its holder a member now. */
export const isActive = <S extends Standing>(standing: S | null): standing is S =>
  standing?.status === MembershipStatus.ACTIVE;

/** What joining does: a member at once (a free group), or ask finance for the price. */
export type JoinPlan = { kind: "join" } | { kind: "pay"; amount: number; currency: string };

/** Whether a user may join `community`: one ACTIVE or PENDING already is CONFLICT. */
export function decideJoin(
  community: { id: string; priceAmount: number; currency: string },
  open: Standing | null,
): JoinPlan {
  if (open?.status === MembershipStatus.ACTIVE) {
    throw conflict(`You are a member of community ${community.id} already.`);
  }
  if (open?.status === MembershipStatus.PENDING) {
    throw conflict(`Your membership of community ${community.id} is being paid for; wait for its outcome.`);
  }
  return community.priceAmount === 0
    ? { kind: "join" }
    : { kind: "pay", amount: community.priceAmount, currency: community.currency };
}

/** The member list is for the group's members; anyone else is FORBIDDEN (the group itself is public). */
export function checkMayReadMembers(communityId: string, caller: Standing | null): void {
  if (!isActive(caller)) {
    throw forbidden(`The members of community ${communityId} are seen by its members only: join it first.`);
  }
}

/** What leaving ends: the caller's live membership. The owner hands the group over first. */
export function decideLeave<S extends Standing>(communityId: string, caller: S | null): S {
  if (!caller) throw conflict(`You are not a member of community ${communityId}.`);
  if (caller.status === MembershipStatus.PENDING) {
    throw conflict(`Your membership of community ${communityId} is being paid for; wait for its outcome.`);
  }
  if (caller.role === CommunityRole.OWNER) {
    throw conflict(
      `You own community ${communityId}: hand it over first (setCommunityRole with another member and role OWNER).`,
    );
  }
  return caller;
}

/** What a role change does: set the target's role, or hand the group over (the old owner becomes ADMIN). */
export type RoleChange<S> =
  | { kind: "unchanged"; membership: S }
  | { kind: "set"; target: S; role: CommunityRole }
  | { kind: "handOver"; owner: S; target: S };

/**
 * Whether `caller` may give `target` `role` in group `communityId`. Only the owner sets roles (anyone
 * else, the target themself included, is FORBIDDEN); the owner's own role changes only by handing the
 * group to another member; the target must be a member (NOT_FOUND otherwise).
 */
export function decideRoleChange<S extends Standing>(
  communityId: string,
  caller: S | null,
  targetUserId: string,
  target: S | null,
  role: CommunityRole,
): RoleChange<S> {
  if (!isActive(caller) || caller.role !== CommunityRole.OWNER) {
    throw forbidden(`Only the owner of community ${communityId} appoints or dismisses its admins.`);
  }
  if (targetUserId === caller.userId) {
    if (role === CommunityRole.OWNER) return { kind: "unchanged", membership: caller };
    throw conflict(
      `You own community ${communityId}: to step down, hand it over (setCommunityRole with another member and role OWNER).`,
    );
  }
  if (!isActive(target)) throw notFound("Community member", targetUserId);
  if (role === CommunityRole.OWNER) return { kind: "handOver", owner: caller, target };
  return target.role === role ? { kind: "unchanged", membership: target } : { kind: "set", target, role };
}

/**
 * Whether `caller` may remove `target` from group `communityId`: the owner removes anyone else, an admin
 * removes plain members; nobody removes the owner, and one leaves rather than removing themself.
 */
export function checkMayRemove<S extends Standing>(
  communityId: string,
  caller: S | null,
  targetUserId: string,
  target: S | null,
): S {
  if (caller && targetUserId === caller.userId) {
    throw badInput("userId", "To leave a community yourself, use leaveCommunity.");
  }
  if (!isActive(caller) || caller.role === CommunityRole.MEMBER) {
    throw forbidden(`Only the owner and admins of community ${communityId} remove its members.`);
  }
  if (!isActive(target)) throw notFound("Community member", targetUserId);
  if (target.role === CommunityRole.OWNER) {
    throw forbidden(`The owner of community ${communityId} cannot be removed.`);
  }
  if (target.role === CommunityRole.ADMIN && caller.role !== CommunityRole.OWNER) {
    throw forbidden(`Only the owner of community ${communityId} removes an admin (dismiss them first).`);
  }
  return target;
}
