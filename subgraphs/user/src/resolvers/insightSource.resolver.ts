import { actorOf } from "@health/platform/auth";
import { Authorized, Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import type { UserContext } from "../context.ts";
import { insightSourceOf } from "../domain/insights/source.ts";
import { InsightSource } from "../model/insightSource.ts";
import { User } from "../model/user.ts";

/**
 * `User.insightSource`: only ai's `User.healthInsights` reads it, through `@requires`; the router
 * forwards the caller's token on that fetch, so the caller's own access (and the owner's AI consent)
 * decides it. `@inaccessible`: not in the client schema.
 */
@Resolver(() => User)
export class InsightSourceResolver {
  @Authorized()
  @Directive("@inaccessible")
  @FieldResolver(() => InsightSource, {
    description: 'For ai\'s health insights only (README "AI consent"); not in the client schema.',
  })
  insightSource(@Root() user: User, @Ctx() ctx: UserContext): Promise<InsightSource> {
    return insightSourceOf(ctx.deps.db, actorOf(ctx), user.id, new Date());
  }
}
