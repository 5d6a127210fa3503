import { badInput } from "@health/platform/errors";

/** A coach's matching rules (`coach_profiles`). */
export interface CoachRules {
  specialties: readonly string[];
  regions: readonly string[];
  /** 1–5. */
  level: number;
  /** Max concurrent orders (ASSIGNED + IN_SERVICE). */
  capacity: number;
}

/** What of an order the rules look at. */
export interface OrderRequirements {
  specialty: string;
  region: string;
  minCoachLevel: number;
}

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
export const MAX_CAPACITY = 50;
const MAX_TAGS = 20;

/** Why an order does not match a coach, or null when it does (capacity aside). */
export type Mismatch = "SPECIALTY" | "REGION" | "LEVEL";

export function mismatchOf(order: OrderRequirements, coach: CoachRules): Mismatch | null {
  if (!coach.specialties.includes(order.specialty)) return "SPECIALTY";
  if (!coach.regions.includes(order.region)) return "REGION";
  if (coach.level < order.minCoachLevel) return "LEVEL";
  return null;
}

/** The order's specialty, region and level fit the coach's rules. */
export const matchesRules = (order: OrderRequirements, coach: CoachRules): boolean =>
  mismatchOf(order, coach) === null;

/** The coach can take one more order. */
export const hasCapacity = (coach: Pick<CoachRules, "capacity">, activeOrders: number): boolean =>
  activeOrders < coach.capacity;

/** Visible and grabbable to the coach: the rules match and the coach is under capacity. */
export const isGrabbableBy = (order: OrderRequirements, coach: CoachRules, activeOrders: number): boolean =>
  matchesRules(order, coach) && hasCapacity(coach, activeOrders);

export const describeMismatch = (mismatch: Mismatch, order: OrderRequirements, coach: CoachRules): string => {
  switch (mismatch) {
    case "SPECIALTY":
      return `its specialty "${order.specialty}" is not one of yours (${coach.specialties.join(", ") || "none"})`;
    case "REGION":
      return `its region "${order.region}" is not one of yours (${coach.regions.join(", ") || "none"})`;
    case "LEVEL":
      return `it needs a level ${order.minCoachLevel} coach and you are level ${coach.level}`;
  }
};

/** A tag (specialty, region) as stored and compared: trimmed, lower case. */
export const normalizeTag = (value: string): string => value.trim().toLowerCase();

function parseTags(values: readonly string[], field: string): string[] {
  if (values.length === 0 || values.length > MAX_TAGS) {
    throw badInput(field, `${field} must list 1–${MAX_TAGS} values.`);
  }
  const tags = values.map((value, index) => {
    const tag = normalizeTag(value);
    if (tag.length === 0 || tag.length > 64) {
      throw badInput(`${field}[${index}]`, `${field}[${index}] must be 1–64 characters.`);
    }
    return tag;
  });
  return [...new Set(tags)];
}

export function parseLevel(level: number, field: string): number {
  if (!Number.isInteger(level) || level < MIN_LEVEL || level > MAX_LEVEL) {
    throw badInput(field, `${field} must be a whole number from ${MIN_LEVEL} to ${MAX_LEVEL}.`);
  }
  return level;
}

/** What coaches set for themselves. The level is not theirs to choose: ops computes it (coach_level_changed). */
export interface SetCoachProfileCommand {
  specialties: readonly string[];
  regions: readonly string[];
  capacity: number;
}

export type CoachOwnRules = Omit<CoachRules, "level">;

/** Checks a coach's own rules from a client (BAD_USER_INPUT naming the field); tags normalized. */
export function parseCoachRules(input: SetCoachProfileCommand, field = "input"): CoachOwnRules {
  if (!Number.isInteger(input.capacity) || input.capacity < 1 || input.capacity > MAX_CAPACITY) {
    throw badInput(
      `${field}.capacity`,
      `${field}.capacity must be a whole number from 1 to ${MAX_CAPACITY}.`,
    );
  }
  return {
    specialties: parseTags(input.specialties, `${field}.specialties`),
    regions: parseTags(input.regions, `${field}.regions`),
    capacity: input.capacity,
  };
}
