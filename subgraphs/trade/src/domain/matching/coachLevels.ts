import type { TradeTx } from "../../db.ts";
import type { CoachLevel } from "../../generated/prisma/client.ts";

/** A coach's level as ops published it (coach_level_changed). */
export interface PublishedLevel {
  coachId: string;
  level: number;
  sequence: number;
  changedAt: Date;
}

/**
 * Serializes the writes of one coach's level: ops's change arriving and the coach creating its profile.
 * Without it, each could miss the other (the handler updating no profile yet, the profile reading no
 * level yet) and the level would be lost until the next change.
 */
export const lockCoachLevel = async (tx: TradeTx, coachId: string): Promise<void> => {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`trade:coach_level:${coachId}`}, 0))`;
};

/**
 * Applies ops's coach_level_changed: kept in `coach_levels` and written into the coach's profile, each
 * only when its sequence is higher than the one already there, so a late redelivery of an older change
 * never rolls back a newer one. A coach with no profile yet keeps the level in `coach_levels`;
 * `setCoachProfile` starts the profile from it. The profile's `updated_at` moves, so a grab decided on
 * the old level settles against the new one (grab/queries.ts). Returns whether anything changed.
 */
export async function applyPublishedLevel(tx: TradeTx, published: PublishedLevel): Promise<boolean> {
  await lockCoachLevel(tx, published.coachId);
  const kept = await tx.$executeRaw`
    INSERT INTO coach_levels (coach_id, level, sequence, changed_at)
    VALUES (${published.coachId}::uuid, ${published.level}, ${published.sequence}, ${published.changedAt})
    ON CONFLICT (coach_id) DO UPDATE
      SET level = EXCLUDED.level, sequence = EXCLUDED.sequence, changed_at = EXCLUDED.changed_at
      WHERE coach_levels.sequence < EXCLUDED.sequence`;
  if (kept === 0) return false;
  await tx.coachProfile.updateMany({
    where: { coachId: published.coachId, levelSequence: { lt: published.sequence } },
    data: { level: published.level, levelSequence: published.sequence },
  });
  return true;
}

/** The newest level ops published for a coach, if any (read under `lockCoachLevel`). */
export const publishedLevelOf = (tx: TradeTx, coachId: string): Promise<CoachLevel | null> =>
  tx.coachLevel.findUnique({ where: { coachId } });
