import { describe, expect, it } from "vitest";
import {
  averageOf,
  DEFAULT_LEVEL_THRESHOLDS,
  type LevelBasis,
  levelFor,
  levelThresholdsSchema,
  roundedAverage,
  shouldPublish,
} from "../src/domain/levels/rules.ts";

const basis = (overrides: Partial<LevelBasis> = {}): LevelBasis => ({
  completedOrders: 0,
  ratings: 0,
  ratingTotal: 0,
  verifiedCertificates: 0,
  ...overrides,
});
const table = DEFAULT_LEVEL_THRESHOLDS;

describe("levelFor (the production table)", () => {
  it("is 1 for a coach with nothing yet, and with work but no verified certificate", () => {
    expect(levelFor(basis(), table)).toBe(1);
    expect(levelFor(basis({ completedOrders: 500, ratings: 500, ratingTotal: 2_500 }), table)).toBe(1);
  });

  it("reaches 2 on 5 completed orders, 3 ratings averaging 3.5 and 1 verified certificate, not one short", () => {
    const level2 = basis({ completedOrders: 5, ratings: 3, ratingTotal: 11, verifiedCertificates: 1 });
    expect(averageOf(level2)).toBeCloseTo(3.667);
    expect(levelFor(level2, table)).toBe(2);
    expect(levelFor({ ...level2, completedOrders: 4 }, table)).toBe(1);
    expect(levelFor({ ...level2, ratings: 2, ratingTotal: 10 }, table)).toBe(1);
    expect(levelFor({ ...level2, verifiedCertificates: 0 }, table)).toBe(1);
  });

  it("climbs to 5 only with every input of level 5", () => {
    const top = basis({ completedOrders: 100, ratings: 50, ratingTotal: 230, verifiedCertificates: 3 });
    expect(levelFor(top, table)).toBe(5);
    expect(levelFor({ ...top, verifiedCertificates: 2 }, table)).toBe(4);
    expect(levelFor({ ...top, completedOrders: 99 }, table)).toBe(4);
  });

  it("lowers a level when the average falls below the level's minimum", () => {
    const good = basis({ completedOrders: 20, ratings: 10, ratingTotal: 40, verifiedCertificates: 1 });
    expect(levelFor(good, table)).toBe(3);
    // One more rating of 1: 41 / 11 = 3.73, under 4.0 but above 3.5.
    expect(levelFor({ ...good, ratings: 11, ratingTotal: 41 }, table)).toBe(2);
    // Many bad ones: under 3.5 too.
    expect(levelFor({ ...good, ratings: 20, ratingTotal: 50 }, table)).toBe(1);
  });

  it("compares the average exactly: 4.3 × 25 = 107.5 reaches level 4's 4.3, 107 does not", () => {
    const level4 = basis({ completedOrders: 50, ratings: 25, ratingTotal: 108, verifiedCertificates: 2 });
    expect(levelFor(level4, table)).toBe(4);
    expect(levelFor({ ...level4, ratings: 30, ratingTotal: 129 }, table)).toBe(4);
    expect(levelFor({ ...level4, ratingTotal: 107 }, table)).toBe(3);
  });
});

describe("roundedAverage", () => {
  it("rounds half up to one decimal, and is null with no rating", () => {
    expect(roundedAverage({ ratings: 0, ratingTotal: 0 })).toBeNull();
    expect(roundedAverage({ ratings: 4, ratingTotal: 17 })).toBe(4.3);
    expect(roundedAverage({ ratings: 3, ratingTotal: 14 })).toBe(4.7);
    expect(roundedAverage({ ratings: 3, ratingTotal: 13 })).toBe(4.3);
    expect(roundedAverage({ ratings: 20, ratingTotal: 81 })).toBe(4.1);
    expect(roundedAverage({ ratings: 1, ratingTotal: 5 })).toBe(5);
  });
});

describe("shouldPublish", () => {
  it("publishes the first computed level, even 1, and then only a change", () => {
    expect(shouldPublish(1, null)).toBe(true);
    expect(shouldPublish(2, 2)).toBe(false);
    expect(shouldPublish(1, 2)).toBe(true);
  });
});

describe("levelThresholdsSchema (OPS_LEVEL_THRESHOLDS)", () => {
  it("takes the production table", () => {
    expect(levelThresholdsSchema.parse(DEFAULT_LEVEL_THRESHOLDS)).toEqual(DEFAULT_LEVEL_THRESHOLDS);
  });

  it("refuses a table missing a level, out of order, or asking less for a higher level", () => {
    expect(levelThresholdsSchema.safeParse(table.slice(0, 3)).success).toBe(false);
    expect(levelThresholdsSchema.safeParse([table[1], table[0], table[2], table[3]]).success).toBe(false);
    const easier = table.map((row) => (row.level === 4 ? { ...row, completedOrders: 1 } : row));
    expect(levelThresholdsSchema.safeParse(easier).success).toBe(false);
  });
});
