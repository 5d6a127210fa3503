import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import { adjustPoints } from "../domain/points/adjust.ts";
import { HISTORY_PAGE, pointsHistoryOf, pointsOwnerFor } from "../domain/points/queries.ts";
import {
  PointsEntry,
  PointsEntryConnection,
  toPointsEntry,
  toPointsEntryConnection,
} from "../model/pointsEntry.ts";

/** Points (M14): a user's balance and history, and an operator's adjustments. */
@Resolver(() => PointsEntry)
export class PointsResolver {
  @Authorized()
  @Query(() => Int, {
    description: "The caller's points (the seed's GET /points/balance); an admin may name another user.",
  })
  pointsBalance(
    @Ctx() ctx: FinanceContext,
    @Arg("userId", () => ID, { nullable: true }) userId: string | null,
  ): Promise<number> {
    return ctx.loaders.pointsBalance.load(pointsOwnerFor(actorOf(ctx), userId));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => PointsEntryConnection, {
    description: "The caller's points history, newest first; an admin may name another user.",
  })
  async pointsHistory(
    @Ctx() ctx: FinanceContext,
    @Arg("userId", () => ID, { nullable: true }) userId: string | null,
    @Arg("first", () => Int, { defaultValue: HISTORY_PAGE.defaultSize, description: "1–100" }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<PointsEntryConnection> {
    const owner = pointsOwnerFor(actorOf(ctx), userId);
    return toPointsEntryConnection(await pointsHistoryOf(ctx.deps.db, owner, { first, after }));
  }

  @Authorized("admin")
  @Mutation(() => PointsEntry, {
    description:
      "An operator credits (positive) or takes back (negative) a user's points, with a reason, recorded with the operator's id. CONFLICT when it would take the user below zero.",
  })
  async adjustPoints(
    @Ctx() ctx: FinanceContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("amount", () => Int) amount: number,
    @Arg("reason", () => String) reason: string,
  ): Promise<PointsEntry> {
    return toPointsEntry(
      await adjustPoints(ctx.deps.db, actorOf(ctx), { userId, amount, reason }, new Date()),
    );
  }
}
