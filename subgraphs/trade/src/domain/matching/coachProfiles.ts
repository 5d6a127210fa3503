import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { TradeDb, TradeTx } from "../../db.ts";
import { publishCoachProfileUpdated } from "../../events/orderEvents.ts";
import type { CoachProfile } from "../../generated/prisma/client.ts";
import { ACTIVE_STATUSES } from "../orders/stateMachine.ts";
import { MIN_LEVEL, parseCoachRules, parseLevel, type SetCoachProfileCommand } from "./rules.ts";

/**
 * Sets (replaces) the caller's own matching rules. A new profile starts at the lowest level and an
 * existing one keeps its level: only an admin changes it. Lowering capacity never unassigns an order.
 * coach_profile_updated commits with it (ai ranks coaches from it).
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
    const profile = await tx.coachProfile.upsert({
      where: { coachId: actor.userId },
      create: { coachId: actor.userId, level: MIN_LEVEL, ...fields },
      update: fields,
    });
    await publishCoachProfileUpdated(tx, profile);
    return profile;
  });
}

/**
 * An admin sets a coach's level (admins only, by the resolver). It moves the profile's `updated_at`,
 * so a grab decided on the old level settles against the new one.
 */
export async function setCoachLevel(db: TradeDb, coachId: string, level: number): Promise<CoachProfile> {
  const id = uuidArg(coachId, "coachId");
  const valid = parseLevel(level, "level");
  const { count } = await db.coachProfile.updateMany({ where: { coachId: id }, data: { level: valid } });
  if (count === 0) throw notFound("Coach profile", coachId);
  return db.coachProfile.findUniqueOrThrow({ where: { coachId: id } });
}

export const coachProfileOf = (db: TradeDb | TradeTx, coachId: string): Promise<CoachProfile | null> =>
  db.coachProfile.findUnique({ where: { coachId } });

/** ASSIGNED + IN_SERVICE orders of a coach: what capacity counts. */
export const activeOrderCount = (db: TradeDb | TradeTx, coachId: string): Promise<number> =>
  db.serviceOrder.count({ where: { coachId, status: { in: [...ACTIVE_STATUSES] } } });
