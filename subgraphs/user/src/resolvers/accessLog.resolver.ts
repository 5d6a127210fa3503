import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { healthDataAccessLog } from "../domain/access/log.ts";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination.ts";
import { HealthDataAccessEntry, toAccessLogEntry } from "../model/accessLogEntry.ts";

@Resolver(() => HealthDataAccessEntry)
export class AccessLogResolver {
  @Authorized()
  @ListSizedByFirst()
  @Query(() => [HealthDataAccessEntry], {
    description: "Who read this user's health data, newest first: owner or admin.",
  })
  async healthDataAccessLog(
    @Ctx() ctx: UserContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–200" }) first: number,
  ): Promise<HealthDataAccessEntry[]> {
    return (await healthDataAccessLog(ctx.deps.db, actorOf(ctx), userId, first)).map(toAccessLogEntry);
  }
}
