import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { AuthContext } from "../context.ts";
import { AccountErasure, toAccountErasure } from "../model/accountErasure.ts";
import {
  accountErasureStatus,
  cancelAccountErasure,
  requestAccountErasure,
} from "../privacy/accountErasures.ts";

@Resolver(() => AccountErasure)
export class AccountErasureResolver {
  @Authorized()
  @Mutation(() => AccountErasure, {
    description:
      "Asks to erase the caller's own account and everything the platform holds about them, confirmed with their current password. It starts after a cooling-off period (cancellable until then); asking again while one is pending returns it. Only the person can erase their account: `userId` naming anyone else is FORBIDDEN, admins included.",
  })
  async requestAccountErasure(
    @Arg("password", () => String) password: string,
    @Arg("userId", () => ID, { nullable: true, description: "The caller's own id (the default)." })
    userId: string | null,
    @Ctx() ctx: AuthContext,
  ) {
    return toAccountErasure(
      await requestAccountErasure(ctx.deps, ctx.actor!, password, { ip: ctx.clientIp }, userId),
    );
  }

  @Authorized()
  @Mutation(() => AccountErasure, {
    description: "Cancels the caller's own erasure while it is PENDING (CONFLICT once it started).",
  })
  async cancelAccountErasure(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext) {
    return toAccountErasure(await cancelAccountErasure(ctx.deps, ctx.actor!, id));
  }

  @Authorized()
  @Query(() => AccountErasure, {
    description:
      "An erasure and each subgraph's progress: its owner (while their account exists) or an admin.",
  })
  async accountErasureStatus(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext) {
    return toAccountErasure(await accountErasureStatus(ctx.deps, ctx.actor!, id));
  }
}
