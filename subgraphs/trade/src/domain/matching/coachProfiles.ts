import type { Actor } from "@health/platform/auth";
import type { TradeDb, TradeTx } from "../../db.ts";
import { publishCoachProfileUpdated } from "../../events/orderEvents.ts";
import type { CoachProfile } from "../../generated/prisma/client.ts";
import { ACTIVE_STATUSES } from "../orders/stateMachine.ts";
import { lockCoachLevel, publishedLevelOf } from "./coachLevels.ts";
import { MIN_LEVEL, parseCoachRules, type SetCoachProfileCommand } from "./rules.ts";

/**
 * Sets (replaces) the caller's own matching rules. A new profile starts at the level ops last published
 * for the coach (kept in `coach_levels` when it came before the profile), or at the lowest level; an
 * existing one keeps its level: only ops changes it (coach_level_changed). Lowering capacity never
 * unassigns an order. coach_profile_updated commits with it (ai ranks coaches from it).
 */
export async function setCoachProfile(
  db: TradeDb,
  actor: Actor,
  input: SetCoachProfileCommand,
): Promise<CoachProfile> {
  const rules = parseCoachRules(input);
  const fields = {
    specialties: [...rules.specialties],
    regions: [...rules.regions],
    capacity: rules.capacity,
  };
  return db.$transaction(async (tx) => {
    await lockCoachLevel(tx, actor.userId);
    const published = await publishedLevelOf(tx, actor.userId);
    const profile = await tx.coachProfile.upsert({
      where: { coachId: actor.userId },
      create: {
        coachId: actor.userId,
        level: published?.level ?? MIN_LEVEL,
        levelSequence: published?.sequence ?? 0,
        ...fields,
      },
      update: fields,
    });
    await publishCoachProfileUpdated(tx, profile);
    return profile;
  });
}

export const coachProfileOf = (db: TradeDb | TradeTx, coachId: string): Promise<CoachProfile | null> =>
  db.coachProfile.findUnique({ where: { coachId } });

/** ASSIGNED + IN_SERVICE orders of a coach: what capacity counts. */
export const activeOrderCount = (db: TradeDb | TradeTx, coachId: string): Promise<number> =>
  db.serviceOrder.count({ where: { coachId, status: { in: [...ACTIVE_STATUSES] } } });
