import { Arg, Authorized, Ctx, Directive, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { AiContext } from "../context.ts";
import { orderFactsOf, recommendCoaches } from "../domain/matching/recommend.ts";
import { CoachRecommendation, ServiceOrder } from "../model/serviceOrder.ts";

/** The seed's `POST /ai/matching/smart`, as `serviceOrder(id) { recommendedCoaches }` in one query. */
@Resolver(() => ServiceOrder)
export class ServiceOrderResolver {
  @Authorized()
  @Directive('@requires(fields: "specialty region minCoachLevel customer { id }")')
  @FieldResolver(() => [CoachRecommendation], {
    nullable: true,
    description:
      "Coaches ranked for this order, best first (deterministic; ties by coach id), each score explained by its parts. Whoever may read the order may read it.",
  })
  async recommendedCoaches(
    @Root() order: ServiceOrder,
    @Ctx() ctx: AiContext,
    @Arg("first", () => Int, { defaultValue: 5, description: "1–20." }) first: number,
  ): Promise<CoachRecommendation[]> {
    const ranked = await recommendCoaches(ctx.deps.db, orderFactsOf(order), first);
    return ranked.map((r, i) => ({ rank: i + 1, coach: { id: r.coachId }, score: r.score, parts: r.parts }));
  }
}
