import { randomUUID } from "node:crypto";
import { coachRatedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { conflict } from "@health/platform/errors";
import { publishEvent } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page } from "@health/platform/pagination";
import type { OpsDb } from "../../db.ts";
import type { CoachRating } from "../../generated/prisma/client.ts";
import { recomputeLevel } from "../levels/levels.ts";
import type { LevelThreshold } from "../levels/rules.ts";
import { decideRating, MAX_SCORE, MIN_SCORE, parseRating, type RateCoachCommand } from "./rules.ts";

/**
 * The order's customer rates its coach, once per order (the unique order_id decides a race): the
 * rating, coach_rated and the coach's recomputed level (with coach_level_changed when it moved) commit
 * together.
 */
export async function rateCoach(
  db: OpsDb,
  actor: Actor,
  input: RateCoachCommand,
  thresholds: readonly LevelThreshold[],
  now: Date,
): Promise<CoachRating> {
  const rating = parseRating(input);
  const order = await db.coachOrder.findUnique({ where: { orderId: rating.orderId } });
  const { coachId } = decideRating(rating.orderId, order, actor.userId);
  return db.$transaction(async (tx) => {
    const id = randomUUID();
    const inserted = await tx.$executeRaw`
      INSERT INTO coach_ratings (id, order_id, coach_id, customer_id, score, comment, created_at)
      VALUES (${id}::uuid, ${rating.orderId}::uuid, ${coachId}::uuid, ${actor.userId}::uuid, ${rating.score},
              ${rating.comment}, ${now})
      ON CONFLICT (order_id) DO NOTHING`;
    if (inserted === 0) {
      throw conflict(`You already rated the coach of order ${rating.orderId}: an order is rated once.`, {
        reason: "ALREADY_RATED",
      });
    }
    await publishEvent(
      tx,
      coachRatedV1,
      {
        ratingId: id,
        orderId: rating.orderId,
        coachId,
        customerId: actor.userId,
        score: rating.score,
        ratedAt: now.toISOString(),
      },
      { aggregateId: coachId, actorId: actor.userId, occurredAt: now },
    );
    await recomputeLevel(tx, coachId, thresholds, now);
    return tx.coachRating.findUniqueOrThrow({ where: { id } });
  });
}

/** A coach's ratings at a glance: how many, their sum (the exact average) and how many of each score. */
export interface RatingSummary {
  count: number;
  total: number;
  /** Index 0 is score 1 … index 4 score 5. */
  distribution: number[];
}

export async function ratingSummary(db: OpsDb, coachId: string): Promise<RatingSummary> {
  const groups = await db.coachRating.groupBy({ by: ["score"], where: { coachId }, _count: { _all: true } });
  const distribution = Array.from({ length: MAX_SCORE - MIN_SCORE + 1 }, () => 0);
  let count = 0;
  let total = 0;
  for (const group of groups) {
    distribution[group.score - MIN_SCORE] = group._count._all;
    count += group._count._all;
    total += group.score * group._count._all;
  }
  return { count, total, distribution };
}

const RATING_PAGES = { defaultSize: 20, maxSize: 100 };

/** A coach's ratings, newest first, cursor-paginated. */
export const listRatings = (
  db: OpsDb,
  coachId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CoachRating>> =>
  newestFirstPage(args, RATING_PAGES, ({ after, orderBy, take }) =>
    db.coachRating.findMany({ where: { coachId, ...after }, orderBy, take }),
  );

/** `coachRating(coachId)`'s argument, checked. */
export const coachIdArg = (coachId: string): string => uuidArg(coachId, "coachId");
