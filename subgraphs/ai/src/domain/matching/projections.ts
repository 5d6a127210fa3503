import type { AiDb, AiTx } from "../../db.ts";
import type { CoachFacts, OrderFacts } from "./rank.ts";

// What ai knows of coaches for matching, written by the `ai-matching` consumer's handlers (events/
// matchingHandlers.ts), each in the consumer's transaction. Every write is idempotent and order-free:
// a redelivery or an event arriving late changes nothing it should not.

export interface ProfileFacts {
  coachId: string;
  specialties: string[];
  regions: string[];
  capacity: number;
  updatedAt: Date;
}

/** Keeps the newest profile (by trade's updatedAt). */
export async function recordCoachProfile(tx: AiTx, p: ProfileFacts): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO matching_coach_profiles (coach_id, specialties, regions, capacity, updated_at)
    VALUES (${p.coachId}::uuid, ${p.specialties}, ${p.regions}, ${p.capacity}, ${p.updatedAt})
    ON CONFLICT (coach_id) DO UPDATE
      SET specialties = EXCLUDED.specialties, regions = EXCLUDED.regions,
          capacity = EXCLUDED.capacity, updated_at = EXCLUDED.updated_at
      WHERE matching_coach_profiles.updated_at < EXCLUDED.updated_at`;
}

/** Keeps the level with the highest sequence (ops's order of changes). */
export async function recordCoachLevel(tx: AiTx, coachId: string, level: number, sequence: number) {
  await tx.$executeRaw`
    INSERT INTO matching_coach_levels (coach_id, level, sequence) VALUES (${coachId}::uuid, ${level}, ${sequence})
    ON CONFLICT (coach_id) DO UPDATE SET level = EXCLUDED.level, sequence = EXCLUDED.sequence
      WHERE matching_coach_levels.sequence < EXCLUDED.sequence`;
}

export async function recordRating(tx: AiTx, ratingId: string, coachId: string, score: number) {
  await tx.matchingRating.upsert({ where: { ratingId }, create: { ratingId, coachId, score }, update: {} });
}

/** order_assigned: the coach holds it, unless it already ended (a late event changes no outcome). */
export async function recordAssigned(tx: AiTx, orderId: string, coachId: string, at: Date) {
  await tx.$executeRaw`
    INSERT INTO matching_orders (order_id, coach_id, status, updated_at)
    VALUES (${orderId}::uuid, ${coachId}::uuid, 'ASSIGNED', ${at})
    ON CONFLICT (order_id) DO UPDATE SET coach_id = EXCLUDED.coach_id
      WHERE matching_orders.coach_id IS NULL`;
}

/** service_completed names the coach: COMPLETED is final. */
export async function recordCompleted(tx: AiTx, orderId: string, coachId: string, at: Date) {
  await tx.$executeRaw`
    INSERT INTO matching_orders (order_id, coach_id, status, updated_at)
    VALUES (${orderId}::uuid, ${coachId}::uuid, 'COMPLETED', ${at})
    ON CONFLICT (order_id) DO UPDATE SET coach_id = EXCLUDED.coach_id, status = 'COMPLETED', updated_at = EXCLUDED.updated_at
      WHERE matching_orders.status = 'ASSIGNED'`;
}

/** order_cancelled names no coach: it ends whatever coach holds it (or will be told of, late). */
export async function recordCancelled(tx: AiTx, orderId: string, at: Date) {
  await tx.$executeRaw`
    INSERT INTO matching_orders (order_id, coach_id, status, updated_at)
    VALUES (${orderId}::uuid, NULL, 'CANCELLED', ${at})
    ON CONFLICT (order_id) DO UPDATE SET status = 'CANCELLED', updated_at = EXCLUDED.updated_at
      WHERE matching_orders.status = 'ASSIGNED'`;
}

/**
 * Every coach who could serve the order: a known profile listing its specialty or its region (a coach
 * with neither would rank last anyway), with level, ratings, load and outcomes, in one snapshot.
 */
export async function candidateFacts(db: AiDb, order: OrderFacts): Promise<CoachFacts[]> {
  return db.$transaction(
    async (tx) => {
      const profiles = await tx.matchingCoachProfile.findMany({
        where: { OR: [{ specialties: { has: order.specialty } }, { regions: { has: order.region } }] },
      });
      const ids = profiles.map((p) => p.coachId);
      if (ids.length === 0) return [];
      const [levels, ratings, orders] = await Promise.all([
        tx.matchingCoachLevel.findMany({ where: { coachId: { in: ids } } }),
        tx.matchingRating.groupBy({
          by: ["coachId"],
          where: { coachId: { in: ids } },
          _sum: { score: true },
          _count: { _all: true },
        }),
        tx.matchingOrder.groupBy({
          by: ["coachId", "status"],
          where: { coachId: { in: ids } },
          _count: { _all: true },
        }),
      ]);
      const count = (coachId: string, status: string) =>
        orders.find((o) => o.coachId === coachId && o.status === status)?._count._all ?? 0;
      return profiles.map((p) => {
        const rating = ratings.find((r) => r.coachId === p.coachId);
        return {
          coachId: p.coachId,
          specialties: p.specialties,
          regions: p.regions,
          capacity: p.capacity,
          level: levels.find((l) => l.coachId === p.coachId)?.level ?? null,
          ratingSum: rating?._sum.score ?? 0,
          ratingCount: rating?._count._all ?? 0,
          activeOrders: count(p.coachId, "ASSIGNED"),
          completedOrders: count(p.coachId, "COMPLETED"),
          cancelledOrders: count(p.coachId, "CANCELLED"),
        };
      });
    },
    { isolationLevel: "RepeatableRead" },
  );
}
