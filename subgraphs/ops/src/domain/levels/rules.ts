import { z } from "zod";

// A coach's level (1–5) from what ops knows of its work: completed orders, the ratings its customers
// gave, and the certificates an admin verified. Pure: `levels.ts` reads the inputs and publishes.

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;

/** What a level rests on (coach_level_changed's `basis`, and `coachRating`'s). */
export interface LevelBasis {
  completedOrders: number;
  ratings: number;
  /** The sum of the scores: the average is `ratingTotal / ratings`, exact. */
  ratingTotal: number;
  verifiedCertificates: number;
}

/** What a coach needs to hold `level` (and every level below it). */
export interface LevelThreshold {
  level: number;
  completedOrders: number;
  /** The average counts only from this many ratings on; fewer and the level is not reached. */
  minRatings: number;
  /** The lowest average score (1–5) that holds the level: a worse average lowers it. */
  minAverage: number;
  verifiedCertificates: number;
}

const thresholdSchema = z.object({
  level: z
    .number()
    .int()
    .min(MIN_LEVEL + 1)
    .max(MAX_LEVEL),
  completedOrders: z.number().int().nonnegative(),
  minRatings: z.number().int().positive(),
  minAverage: z.number().min(1).max(5),
  verifiedCertificates: z.number().int().nonnegative(),
});

/**
 * Levels 2–5 in order, each at least as demanding as the one below on every input, so a coach holds a
 * level only with every level under it.
 */
export const levelThresholdsSchema = z
  .array(thresholdSchema)
  .length(MAX_LEVEL - MIN_LEVEL)
  .superRefine((table, ctx) => {
    table.forEach((row, index) => {
      if (row.level !== MIN_LEVEL + 1 + index) {
        ctx.addIssue({ code: "custom", message: `row ${index} must be level ${MIN_LEVEL + 1 + index}` });
      }
      const below = table[index - 1];
      if (
        below &&
        (row.completedOrders < below.completedOrders ||
          row.minRatings < below.minRatings ||
          row.minAverage < below.minAverage ||
          row.verifiedCertificates < below.verifiedCertificates)
      ) {
        ctx.addIssue({ code: "custom", message: `level ${row.level} asks less than level ${below.level}` });
      }
    });
  });

/** The production table (README "Level rules"); `OPS_LEVEL_THRESHOLDS` replaces it. */
export const DEFAULT_LEVEL_THRESHOLDS: readonly LevelThreshold[] = [
  { level: 2, completedOrders: 5, minRatings: 3, minAverage: 3.5, verifiedCertificates: 1 },
  { level: 3, completedOrders: 20, minRatings: 10, minAverage: 4.0, verifiedCertificates: 1 },
  { level: 4, completedOrders: 50, minRatings: 25, minAverage: 4.3, verifiedCertificates: 2 },
  { level: 5, completedOrders: 100, minRatings: 50, minAverage: 4.6, verifiedCertificates: 3 },
];

/** The average score, or null with no rating. Exact (a fraction); round only to show it. */
export const averageOf = (basis: Pick<LevelBasis, "ratings" | "ratingTotal">): number | null =>
  basis.ratings === 0 ? null : basis.ratingTotal / basis.ratings;

/** The average rounded half up to one decimal, as clients see it (4.25 → 4.3); null with no rating. */
export function roundedAverage(basis: Pick<LevelBasis, "ratings" | "ratingTotal">): number | null {
  if (basis.ratings === 0) return null;
  // Integer arithmetic: (10 * total / count) rounded half up, then / 10, with no float drift.
  return Math.floor((20 * basis.ratingTotal + basis.ratings) / (2 * basis.ratings)) / 10;
}

/**
 * Whether the basis meets one row of the table. The average is compared exactly, in tenths:
 * 10 × total ≥ (10 × minAverage) × count, so 4.3 × 25 is never 107.49999.
 */
export const meets = (basis: LevelBasis, row: LevelThreshold): boolean =>
  basis.completedOrders >= row.completedOrders &&
  basis.verifiedCertificates >= row.verifiedCertificates &&
  basis.ratings >= row.minRatings &&
  10 * basis.ratingTotal >= Math.round(10 * row.minAverage) * basis.ratings;

/**
 * The coach's level: 1, or the highest level whose row it meets along with every row below it. Nothing
 * remembers a level once reached: a worse average (or a certificate rejected) lowers it.
 */
export function levelFor(basis: LevelBasis, thresholds: readonly LevelThreshold[]): number {
  let level = MIN_LEVEL;
  for (const row of thresholds) {
    if (!meets(basis, row)) break;
    level = row.level;
  }
  return level;
}

/**
 * Whether ops publishes coach_level_changed: the level differs from the last one published, or none was
 * published yet (the first computed level replaces the one an admin once set in trade).
 */
export const shouldPublish = (level: number, lastPublished: number | null): boolean =>
  lastPublished !== level;
