import { type Actor, actorOf, hasRole } from "@health/platform/auth";
import { toConnection } from "@health/platform/graphql";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { OpsContext } from "../context.ts";
import { currentLevel } from "../domain/levels/levels.ts";
import { roundedAverage } from "../domain/levels/rules.ts";
import { coachIdArg, listRatings, rateCoach, ratingSummary } from "../domain/ratings/ratings.ts";
import { CoachRating, Rating, RatingConnection, toRating } from "../model/rating.ts";
import { userRef } from "../model/user.ts";

/** Who rated (and which order) is shown to the rated coach, admins and the rater alone. */
const canSeeRater = (viewer: Actor | null, coachId: string, raterId: string): boolean =>
  viewer !== null && (viewer.userId === coachId || viewer.userId === raterId || hasRole(viewer, "admin"));

@Resolver(() => CoachRating)
export class CoachRatingResolver {
  @Query(() => CoachRating, {
    description:
      "A coach's ratings and level (the seed's GET /ops/ratings): public; raters are shown to the coach, admins and the rater only.",
  })
  async coachRating(@Arg("coachId", () => ID) coachId: string, @Ctx() ctx: OpsContext): Promise<CoachRating> {
    const id = coachIdArg(coachId);
    const [summary, level] = await Promise.all([
      ratingSummary(ctx.deps.db, id),
      currentLevel(ctx.deps.db, id),
    ]);
    return Object.assign(new CoachRating(), {
      coachId: id,
      coach: userRef(id),
      count: summary.count,
      scoreTotal: summary.total,
      average: roundedAverage({ ratings: summary.count, ratingTotal: summary.total }),
      distribution: summary.distribution.map((count, index) => ({ score: index + 1, count })),
      level: {
        level: level.level,
        sequence: level.sequence,
        changedAt: level.changedAt,
        basis: {
          completedOrders: level.completedOrders,
          ratings: level.ratings,
          averageRating: level.ratings === 0 ? null : level.ratingTotal / level.ratings,
          verifiedCertificates: level.verifiedCertificates,
        },
      },
    });
  }

  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @FieldResolver(() => RatingConnection, { description: "The coach's ratings, newest first, with comments." })
  async ratings(
    @Root() root: CoachRating,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: OpsContext,
  ): Promise<RatingConnection> {
    const page = await listRatings(ctx.deps.db, root.coachId, { first, after });
    return toConnection(page, (row) => toRating(row, canSeeRater(ctx.actor, root.coachId, row.customerId)));
  }

  @Authorized()
  @Mutation(() => Rating, {
    description:
      "The customer of a completed order rates its coach, 1–5 with a comment, once per order; it may move the coach's level.",
  })
  async rateCoach(
    @Arg("orderId", () => ID) orderId: string,
    @Arg("score", () => Int, { description: "1–5." }) score: number,
    @Arg("comment", () => String, { nullable: true, description: "Up to 1000 characters, trimmed." })
    comment: string | null,
    @Ctx() ctx: OpsContext,
  ): Promise<Rating> {
    const actor = actorOf(ctx);
    const row = await rateCoach(
      ctx.deps.db,
      actor,
      { orderId, score, comment },
      ctx.deps.levelThresholds,
      new Date(),
    );
    return toRating(row, true);
  }
}
