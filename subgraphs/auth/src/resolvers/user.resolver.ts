import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { AuthContext } from "../context.ts";
import { assertUserId, currentAccount, grantRole } from "../domain/accounts.ts";
import { permissionsOf } from "../domain/permissions.ts";
import { Role } from "../model/role.ts";
import { Permissions } from "../model/session.ts";
import { toUser, User } from "../model/user.ts";

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { description: "The signed-in user." })
  async me(@Ctx() ctx: AuthContext) {
    return toUser(await currentAccount(ctx.deps.db, ctx.actor!), ctx.actor);
  }

  @Authorized()
  @Query(() => User, { nullable: true })
  async user(@Arg("id", () => ID) id: string, @Ctx() ctx: AuthContext) {
    assertUserId("id", id);
    const account = await ctx.loaders.accountById.load(id);
    return account ? toUser(account, ctx.actor) : null;
  }

  @Authorized()
  @Query(() => Permissions, {
    description: "Roles and permissions of a user (seed: GET /users/{id}/permissions).",
  })
  async permissions(@Arg("userId", () => ID) userId: string, @Ctx() ctx: AuthContext) {
    assertUserId("userId", userId);
    return permissionsOf(ctx.deps.db, ctx.actor!, userId);
  }

  @Authorized("admin")
  @Mutation(() => User, { description: "Gives a user a role (admins only)." })
  async grantRole(
    @Arg("userId", () => ID) userId: string,
    @Arg("role", () => Role) role: Role,
    @Ctx() ctx: AuthContext,
  ) {
    return toUser(await grantRole(ctx.deps.db, ctx.actor!, userId, role as `${Role}`), ctx.actor);
  }

  @Authorized("admin")
  @Mutation(() => String, {
    description: "Retires the signing key and starts a new one; returns the new key id.",
  })
  async rotateSigningKey(@Ctx() ctx: AuthContext) {
    return ctx.deps.keys.rotate(ctx.actor!);
  }
}
