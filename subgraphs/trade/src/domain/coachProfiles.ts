import type { Actor } from "@health/platform/auth";
import type { TradeDb, TradeTx } from "../deps.ts";
import type { CoachProfile } from "../generated/prisma/client.ts";
import { parseCoachRules, type SetCoachProfileCommand } from "./matching.ts";
import { ACTIVE_STATUSES } from "./orderStateMachine.ts";

/** Sets (replaces) the caller's matching rules. Lowering capacity never unassigns an order. */
export async function setCoachProfile(
  db: TradeDb,
  actor: Actor,
  input: SetCoachProfileCommand,
): Promise<CoachProfile> {
  const rules = parseCoachRules(input);
  const fields = {
    specialties: [...rules.specialties],
    regions: [...rules.regions],
    level: rules.level,
    capacity: rules.capacity,
  };
  return db.coachProfile.upsert({
    where: { coachId: actor.userId },
    create: { coachId: actor.userId, ...fields },
    update: fields,
  });
}

export const coachProfileOf = (db: TradeDb | TradeTx, coachId: string): Promise<CoachProfile | null> =>
  db.coachProfile.findUnique({ where: { coachId } });

/** ASSIGNED + IN_SERVICE orders of a coach: what capacity counts. */
export const activeOrderCount = (db: TradeDb | TradeTx, coachId: string): Promise<number> =>
  db.serviceOrder.count({ where: { coachId, status: { in: [...ACTIVE_STATUSES] } } });
