import { Connection } from "@health/platform/graphql";
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { CoachRating as CoachRatingRow } from "../generated/prisma/client.ts";
import { User, userRef } from "./user.ts";

@ObjectType({ description: "A customer's rating of the coach of one completed order (1–5, once per order)." })
export class Rating {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "1–5." })
  score!: number;

  @Field(() => String, { description: "The customer's comment, trimmed; empty when they left none." })
  comment!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => User, {
    nullable: true,
    description: "Who rated: shown to the rated coach, admins and the rater; null for everyone else.",
  })
  rater!: User | null;

  @Field(() => ID, {
    nullable: true,
    description: "The order rated: shown to the rated coach, admins and the rater; null for everyone else.",
  })
  orderId!: string | null;
}

@ObjectType()
export class RatingConnection extends Connection(Rating) {}

@ObjectType({ description: "How many ratings gave one score." })
export class ScoreCount {
  @Field(() => Int)
  score!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "What a coach's level rests on (the level rules' inputs, README M05)." })
export class CoachLevelBasis {
  @Field(() => Int, { description: "Orders of the coach that completed." })
  completedOrders!: number;

  @Field(() => Int)
  ratings!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The average score, exact (not rounded); null with none.",
  })
  averageRating!: number | null;

  @Field(() => Int, { description: "Certificates an admin verified." })
  verifiedCertificates!: number;
}

@ObjectType({
  description: "A coach's level as ops computed and published it to trade (coach_level_changed).",
})
export class CoachLevel {
  @Field(() => Int, { description: "1–5; 1 until ops computed one." })
  level!: number;

  @Field(() => Int, { description: "How many times ops changed this coach's level (0: never)." })
  sequence!: number;

  @Field(() => Date, { nullable: true, description: "When the level last changed; null when it never did." })
  changedAt!: Date | null;

  @Field(() => CoachLevelBasis)
  basis!: CoachLevelBasis;
}

@ObjectType({ description: "A coach's ratings and level (the seed's GET /ops/ratings)." })
export class CoachRating {
  @Field(() => User)
  coach!: User;

  @Field(() => Int, { description: "How many ratings the coach has." })
  count!: number;

  @Field(() => Int, { description: "The sum of the scores: scoreTotal / count is the exact average." })
  scoreTotal!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The average score rounded half up to one decimal (4.25 → 4.3); null with no rating.",
  })
  average!: number | null;

  @Field(() => [ScoreCount], { description: "How many ratings gave each score, 1 to 5 (zeros included)." })
  distribution!: ScoreCount[];

  @Field(() => CoachLevel)
  level!: CoachLevel;

  /** Read by the `ratings` field resolver. */
  coachId!: string;
}

/** A rating as its reader may see it: who rated and which order only when `canSeeRater` (coach, admin, rater). */
export const toRating = (row: CoachRatingRow, canSeeRater: boolean): Rating =>
  Object.assign(new Rating(), {
    id: row.id,
    score: row.score,
    comment: row.comment,
    createdAt: row.createdAt,
    rater: canSeeRater ? userRef(row.customerId) : null,
    orderId: canSeeRater ? row.orderId : null,
  });
