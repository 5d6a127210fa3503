import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, Directive, ID, Mutation, Query, Resolver } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { HOLDS_LISTED, holdAccount, holdsOf, releaseHolds } from "../domain/risk/holds.ts";
import { AccountHold, toAccountHold } from "../model/accountHold.ts";

/** Account holds: placed by a rule or an admin, released by an admin; admins only. */
@Resolver(() => AccountHold)
export class AccountHoldResolver {
  @Authorized("admin")
  @Directive(`@listSize(assumedSize: ${HOLDS_LISTED})`)
  @Query(() => [AccountHold], { description: "An account's holds, newest first (the last 100)." })
  async accountHolds(
    @Ctx() ctx: OpsContext,
    @Arg("userId", () => ID) userId: string,
  ): Promise<AccountHold[]> {
    return (await holdsOf(ctx.deps.db, userId)).map(toAccountHold);
  }

  @Authorized("admin")
  @Mutation(() => AccountHold, { description: "Holds an account (CONFLICT when it already is)." })
  async holdAccount(
    @Ctx() ctx: OpsContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("reason", () => String, { description: "1–500 characters." }) reason: string,
  ): Promise<AccountHold> {
    return toAccountHold(await holdAccount(ctx.deps.db, actorOf(ctx), { userId, reason }, new Date()));
  }

  @Authorized("admin")
  @Mutation(() => [AccountHold], {
    description:
      "Releases one hold (holdId) or every hold in force on an account (userId); give exactly one.",
  })
  async releaseAccountHold(
    @Ctx() ctx: OpsContext,
    @Arg("holdId", () => ID, { nullable: true }) holdId: string | null,
    @Arg("userId", () => ID, { nullable: true }) userId: string | null,
  ): Promise<AccountHold[]> {
    return (await releaseHolds(ctx.deps.db, actorOf(ctx), { holdId, userId }, new Date())).map(toAccountHold);
  }
}
