import { coachLevelChangedV1 } from "@health/events/catalog";
import { publishEvent } from "@health/platform/events";
import type { OpsDb, OpsTx } from "../../db.ts";
import type { CoachLevel } from "../../generated/prisma/client.ts";
import {
  averageOf,
  type LevelBasis,
  type LevelThreshold,
  levelFor,
  MIN_LEVEL,
  shouldPublish,
} from "./rules.ts";

/** The level rules' inputs for one coach, as committed (plus the caller's own writes). */
export async function basisOf(db: OpsDb | OpsTx, coachId: string): Promise<LevelBasis> {
  const [completedOrders, ratings, verifiedCertificates] = await Promise.all([
    db.coachOrder.count({ where: { coachId, completedAt: { not: null } } }),
    db.coachRating.aggregate({ where: { coachId }, _count: { _all: true }, _sum: { score: true } }),
    db.coachCertificate.count({ where: { coachId, status: "VERIFIED" } }),
  ]);
  return {
    completedOrders,
    ratings: ratings._count._all,
    ratingTotal: ratings._sum.score ?? 0,
    verifiedCertificates,
  };
}

/**
 * Recomputes a coach's level inside the transaction that changed one of its inputs (a rating, a
 * completion, a certificate decided) and, when it differs from the last one published (or none was),
 * writes coach_level_changed to the outbox with the next sequence and records it in `coach_levels`
 * (whose basis columns follow every recomputation).
 *
 * A transaction-scoped advisory lock on the coach serializes recomputations of one coach: the second
 * waits for the first to commit, then counts with it (READ COMMITTED reads per statement), so two
 * concurrent ratings neither publish the same sequence nor miss each other. Returns the level row now.
 */
export async function recomputeLevel(
  tx: OpsTx,
  coachId: string,
  thresholds: readonly LevelThreshold[],
  now: Date,
): Promise<CoachLevel> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ops:coach_level:${coachId}`}, 0))`;
  const basis = await basisOf(tx, coachId);
  const level = levelFor(basis, thresholds);
  const last = await tx.coachLevel.findUnique({ where: { coachId } });
  // The basis is kept current on every recomputation (what `coachRating` shows the level rests on);
  // the sequence and the event move only with the level.
  if (last && !shouldPublish(level, last.level)) {
    return tx.coachLevel.update({ where: { coachId }, data: basis });
  }
  const sequence = (last?.sequence ?? 0) + 1;
  const row = { level, sequence, ...basis, changedAt: now };
  const saved = await tx.coachLevel.upsert({ where: { coachId }, create: { coachId, ...row }, update: row });
  await publishEvent(
    tx,
    coachLevelChangedV1,
    {
      coachId,
      level,
      previousLevel: last?.level ?? null,
      sequence,
      basis: {
        completedOrders: basis.completedOrders,
        averageRating: averageOf(basis),
        ratings: basis.ratings,
        verifiedCertificates: basis.verifiedCertificates,
      },
      changedAt: now.toISOString(),
    },
    { aggregateId: coachId, occurredAt: now },
  );
  return saved;
}

/** The level a coach holds now: the last published, or level 1 on no basis when ops published none. */
export async function currentLevel(db: OpsDb, coachId: string) {
  const row = await db.coachLevel.findUnique({ where: { coachId } });
  if (row) return { ...row, published: true as const };
  return {
    coachId,
    level: MIN_LEVEL,
    sequence: 0,
    completedOrders: 0,
    ratings: 0,
    ratingTotal: 0,
    verifiedCertificates: 0,
    changedAt: null,
    published: false as const,
  };
}
