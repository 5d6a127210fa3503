import { actorOf } from "@health/platform/auth";
import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import { pointsOwnerFor } from "../domain/points/queries.ts";
import { User } from "../model/user.ts";

// Nullable: a refused read nulls that field with its FORBIDDEN error, not the whole User.
/** The fields this subgraph adds to auth's `User`. */
@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @FieldResolver(() => Int, { nullable: true, description: "Visible to the user themself and admins only." })
  pointsBalance(@Root() user: User, @Ctx() ctx: FinanceContext): Promise<number> {
    return ctx.loaders.pointsBalance.load(pointsOwnerFor(actorOf(ctx), user.id));
  }
}
