import { actorOf } from "@health/platform/auth";
import { unauthenticated } from "@health/platform/errors";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { BizContext } from "../context.ts";
import {
  COMMUNITIES_PAGE,
  createCommunity,
  listCommunities,
  membersOf,
  readCommunity,
} from "../domain/communities/communities.ts";
import { CreateCommunityInput } from "../model/community.inputs.ts";
import { Community, CommunityConnection, toCommunity, toCommunityConnection } from "../model/community.ts";
import {
  CommunityMembership,
  CommunityMembershipConnection,
  toCommunityMembership,
  toCommunityMembershipConnection,
} from "../model/communityMembership.ts";

/** Community groups (M08): created by coaches and businesses, seen by anyone, their members by members. */
@Resolver(() => Community)
export class CommunityResolver {
  @Authorized("coach", "business", "admin")
  @Mutation(() => Community, {
    description: "Creates a community group owned by the caller (its OWNER); announces community_created.",
  })
  async createCommunity(
    @Ctx() ctx: BizContext,
    @Arg("input", () => CreateCommunityInput) input: CreateCommunityInput,
  ): Promise<Community> {
    return toCommunity(await createCommunity(ctx.deps.db, actorOf(ctx), input));
  }

  @Query(() => Community, { description: "A community group (anyone); NOT_FOUND if there is none." })
  async community(@Ctx() ctx: BizContext, @Arg("id", () => ID) id: string): Promise<Community> {
    return toCommunity(await readCommunity(ctx.deps.db, id));
  }

  /** GET /communities/groups */
  @ListSizedByFirst({ connection: true, assumedSize: COMMUNITIES_PAGE.defaultSize })
  @Query(() => CommunityConnection, {
    description:
      "Community groups, newest first: all of them, or with `joined: true` those the caller is an ACTIVE member of (signed in).",
  })
  async communities(
    @Ctx() ctx: BizContext,
    @Arg("first", () => Int, { defaultValue: COMMUNITIES_PAGE.defaultSize, description: "1–100 groups" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("joined", () => Boolean, { defaultValue: false }) joined: boolean,
  ): Promise<CommunityConnection> {
    if (joined && !ctx.actor) throw unauthenticated("Sign in to list the communities you joined.");
    const memberId = joined ? (ctx.actor?.userId ?? null) : null;
    return toCommunityConnection(await listCommunities(ctx.deps.db, { first, after, memberId }));
  }

  @FieldResolver(() => Int, { description: "Its ACTIVE members, the owner included." })
  memberCount(@Root() community: Community, @Ctx() ctx: BizContext): Promise<number> {
    return ctx.loaders.memberCount.load(community.id);
  }

  @FieldResolver(() => CommunityMembership, {
    nullable: true,
    description: "The caller's latest membership of the group (any status); null if none or signed out.",
  })
  async myMembership(
    @Root() community: Community,
    @Ctx() ctx: BizContext,
  ): Promise<CommunityMembership | null> {
    const row = await ctx.loaders.myMembership.load(community.id);
    return row ? toCommunityMembership(row) : null;
  }

  @ListSizedByFirst({ connection: true, assumedSize: COMMUNITIES_PAGE.defaultSize })
  @FieldResolver(() => CommunityMembershipConnection, {
    nullable: true,
    description:
      "Its ACTIVE members, newest first: for its members only; anyone else gets null and a FORBIDDEN error.",
  })
  async members(
    @Root() community: Community,
    @Ctx() ctx: BizContext,
    @Arg("first", () => Int, { defaultValue: COMMUNITIES_PAGE.defaultSize, description: "1–100 members" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<CommunityMembershipConnection> {
    return toCommunityMembershipConnection(
      await membersOf(ctx.deps.db, await ctx.loaders.myMembership.load(community.id), community.id, {
        first,
        after,
      }),
    );
  }
}
