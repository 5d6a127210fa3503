// Smart matching (the seed's POST /ai/matching/smart): ranks coaches for one order. Pure and
// deterministic: the same facts give the same list, ties broken by coach id. README "Smart matching"
// has the weights table; every result carries its parts so a person can see why.

/** The trade ServiceOrder fields ranking uses (fetched by the router through `@requires`). */
export interface OrderFacts {
  specialty: string;
  region: string;
  minCoachLevel: number;
  customerId: string | null;
}

/** What ai's projections know of one coach (from trade's and ops's events). */
export interface CoachFacts {
  coachId: string;
  specialties: readonly string[];
  regions: readonly string[];
  capacity: number;
  /** From ops's coach_level_changed; null until ops published one (counted as level 1, trade's first level). */
  level: number | null;
  ratingSum: number;
  ratingCount: number;
  /** Orders assigned and not yet completed or cancelled. */
  activeOrders: number;
  completedOrders: number;
  /** Orders cancelled after this coach was assigned. */
  cancelledOrders: number;
}

export type PartName = "specialty" | "region" | "level" | "rating" | "load" | "outcomes";

/** The weights sum to 1, so a score is 0–1. */
export const WEIGHTS: Readonly<Record<PartName, number>> = {
  specialty: 0.3,
  region: 0.2,
  rating: 0.2,
  level: 0.1,
  load: 0.1,
  outcomes: 0.1,
};

/** Bayesian smoothing of the rating: PRIOR_RATINGS imaginary ratings of PRIOR_MEAN. */
export const PRIOR_MEAN = 3.5;
export const PRIOR_RATINGS = 5;
export const LOWEST_LEVEL = 1;
export const HIGHEST_LEVEL = 5;

export interface ScorePart {
  name: PartName;
  /** 0–1. */
  value: number;
  weight: number;
  contribution: number;
  /** The numbers behind `value`, for a person. */
  detail: string;
}

export interface Recommendation {
  coachId: string;
  score: number;
  parts: ScorePart[];
}

const part = (name: PartName, value: number, detail: string): ScorePart => ({
  name,
  value,
  weight: WEIGHTS[name],
  contribution: WEIGHTS[name] * value,
  detail,
});

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Why a coach is not ranked at all, or null when they are. */
export function exclusion(order: OrderFacts, coach: CoachFacts): string | null {
  if (coach.coachId === order.customerId) return "the order's own customer";
  if ((coach.level ?? LOWEST_LEVEL) < order.minCoachLevel) return "below the order's minimum level";
  if (coach.activeOrders >= coach.capacity) return "at capacity";
  return null;
}

export function scoreParts(order: OrderFacts, coach: CoachFacts): ScorePart[] {
  const level = coach.level ?? LOWEST_LEVEL;
  const smoothed = (PRIOR_MEAN * PRIOR_RATINGS + coach.ratingSum) / (PRIOR_RATINGS + coach.ratingCount);
  const finished = coach.completedOrders + coach.cancelledOrders;
  const completion = (coach.completedOrders + 1) / (finished + 2);
  const specialty = coach.specialties.some((s) => same(s, order.specialty));
  const region = coach.regions.some((r) => same(r, order.region));
  return [
    part(
      "specialty",
      specialty ? 1 : 0,
      specialty ? `serves ${order.specialty}` : `does not list ${order.specialty}`,
    ),
    part("region", region ? 1 : 0, region ? `works in ${order.region}` : `does not list ${order.region}`),
    part(
      "rating",
      (smoothed - 1) / 4,
      `${coach.ratingCount} ratings, smoothed average ${smoothed.toFixed(2)} of 5 (prior ${PRIOR_RATINGS}×${PRIOR_MEAN})`,
    ),
    part(
      "level",
      (level - LOWEST_LEVEL) / (HIGHEST_LEVEL - LOWEST_LEVEL),
      `level ${level}${coach.level === null ? " (none published yet)" : ""}, order needs ${order.minCoachLevel}`,
    ),
    part(
      "load",
      1 - coach.activeOrders / coach.capacity,
      `${coach.activeOrders} of ${coach.capacity} orders in hand`,
    ),
    part(
      "outcomes",
      completion,
      `${coach.completedOrders} completed, ${coach.cancelledOrders} cancelled after assignment (Laplace-smoothed rate)`,
    ),
  ];
}

/** The ranked coaches, best first, at most `first`; excluded coaches are left out. */
export function rankCoaches(
  order: OrderFacts,
  coaches: readonly CoachFacts[],
  first: number,
): Recommendation[] {
  return coaches
    .filter((coach) => exclusion(order, coach) === null)
    .map((coach) => {
      const parts = scoreParts(order, coach);
      return { coachId: coach.coachId, score: parts.reduce((sum, p) => sum + p.contribution, 0), parts };
    })
    .sort((a, b) => b.score - a.score || (a.coachId < b.coachId ? -1 : a.coachId > b.coachId ? 1 : 0))
    .slice(0, first);
}
