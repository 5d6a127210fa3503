import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { ContentContext } from "../context.ts";
import { purchaseCourse, readPurchase } from "../domain/purchases/purchases.ts";
import { CoursePurchase, toCoursePurchase } from "../model/coursePurchase.ts";

@Resolver(() => CoursePurchase)
export class CoursePurchaseResolver {
  /** POST /contents/{id}/purchase */
  @Authorized()
  @Mutation(() => CoursePurchase, {
    description:
      "Buys a published course: PAID at once when it is free, else PENDING until finance has taken the payment (then PAID, or FAILED). Owning it already, or being its author, is CONFLICT.",
  })
  async purchaseCourse(
    @Ctx() ctx: ContentContext,
    @Arg("courseId", () => ID) courseId: string,
    @Arg("idempotencyKey", () => String, {
      description:
        "One per purchase you mean to make (kept 24 h): a retry with it answers that purchase and charges nothing twice; the same key for another course is CONFLICT.",
    })
    idempotencyKey: string,
  ): Promise<CoursePurchase> {
    return toCoursePurchase(
      await purchaseCourse(ctx.deps, actorOf(ctx), { courseId, idempotencyKey }, new Date()),
    );
  }

  @Authorized()
  @Query(() => CoursePurchase, { description: "A course purchase, for its buyer or an admin." })
  async coursePurchase(@Ctx() ctx: ContentContext, @Arg("id", () => ID) id: string): Promise<CoursePurchase> {
    return toCoursePurchase(await readPurchase(ctx.deps.db, actorOf(ctx), id));
  }
}
