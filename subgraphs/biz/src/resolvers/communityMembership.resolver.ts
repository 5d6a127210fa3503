import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { BizContext } from "../context.ts";
import {
  joinCommunity,
  leaveCommunity,
  removeCommunityMember,
  setCommunityRole,
} from "../domain/communities/membership.ts";
import { CommunityRole } from "../domain/communities/rules.ts";
import { CommunityMembership, toCommunityMembership } from "../model/communityMembership.ts";

/** Joining and leaving community groups, and their members' roles (M08). */
@Resolver(() => CommunityMembership)
export class CommunityMembershipResolver {
  @Authorized()
  @Mutation(() => CommunityMembership, {
    description:
      "Joins a community group: ACTIVE at once when it is free, else PENDING until finance has taken its price (then ACTIVE, or FAILED). Being a member already, or joining already, is CONFLICT.",
  })
  async joinCommunity(
    @Ctx() ctx: BizContext,
    @Arg("id", () => ID) id: string,
    @Arg("idempotencyKey", () => String, {
      description:
        "One per join you mean to make (kept 24 h): a retry with it answers that membership and charges nothing twice; the same key for another group is CONFLICT.",
    })
    idempotencyKey: string,
  ): Promise<CommunityMembership> {
    const membership = await joinCommunity(
      ctx.deps,
      actorOf(ctx),
      { communityId: id, idempotencyKey },
      new Date(),
    );
    return toCommunityMembership(membership);
  }

  @Authorized()
  @Mutation(() => CommunityMembership, {
    description:
      "Leaves a community group (LEFT; a paid group's price is not refunded). Its owner hands it over first (CONFLICT).",
  })
  async leaveCommunity(
    @Ctx() ctx: BizContext,
    @Arg("id", () => ID) id: string,
  ): Promise<CommunityMembership> {
    return toCommunityMembership(await leaveCommunity(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @Mutation(() => CommunityMembership, {
    description:
      "The owner makes a member ADMIN or MEMBER, or hands the group over (OWNER: the old owner becomes ADMIN). Anyone else is FORBIDDEN; nobody raises themself.",
  })
  async setCommunityRole(
    @Ctx() ctx: BizContext,
    @Arg("communityId", () => ID) communityId: string,
    @Arg("userId", () => ID) userId: string,
    @Arg("role", () => CommunityRole) role: CommunityRole,
  ): Promise<CommunityMembership> {
    const membership = await setCommunityRole(ctx.deps.db, actorOf(ctx), { communityId, userId, role });
    return toCommunityMembership(membership);
  }

  @Authorized()
  @Mutation(() => CommunityMembership, {
    description:
      "Removes a member (REMOVED): the owner removes anyone else, an admin plain members; the owner cannot be removed.",
  })
  async removeCommunityMember(
    @Ctx() ctx: BizContext,
    @Arg("communityId", () => ID) communityId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<CommunityMembership> {
    const membership = await removeCommunityMember(ctx.deps.db, actorOf(ctx), { communityId, userId });
    return toCommunityMembership(membership);
  }
}
