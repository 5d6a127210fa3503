import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { UserContext } from "../context.ts";
import { listHealthActions, recordHealthAction } from "../domain/actions/actions.ts";
import { DEFAULT_PAGE_SIZE } from "../domain/pagination.ts";
import { RecordHealthActionInput } from "../model/healthAction.inputs.ts";
import { HealthAction } from "../model/healthAction.ts";

@Resolver(() => HealthAction)
export class HealthActionResolver {
  @Authorized()
  @ListSizedByFirst()
  @Query(() => [HealthAction], {
    description:
      "Newest first. Owner, admin, or a coach: only the action types whose metrics are all granted; FORBIDDEN if none.",
  })
  healthActions(
    @Ctx() ctx: UserContext,
    @Arg("userId", () => ID) userId: string,
    @Arg("first", () => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: "1–200" }) first: number,
  ): Promise<HealthAction[]> {
    return listHealthActions(ctx.deps.db, actorOf(ctx), userId, first, new Date());
  }

  /** POST /users/{id}/health-actions */
  @Authorized()
  @Mutation(() => HealthAction, { description: "Records an action by the caller." })
  recordHealthAction(
    @Ctx() ctx: UserContext,
    @Arg("input", () => RecordHealthActionInput) input: RecordHealthActionInput,
  ): Promise<HealthAction> {
    return recordHealthAction(ctx.deps.db, actorOf(ctx), input, new Date());
  }
}
