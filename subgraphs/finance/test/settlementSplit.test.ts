import { describe, expect, it } from "vitest";
import { splitAmount } from "../src/domain/settlements/split.ts";

describe("the coach/platform split", () => {
  it("takes the platform's fee rounded down and gives the coach the rest", () => {
    expect(splitAmount(19_900, 2000)).toEqual({ platform: 3980, coach: 15_920 });
    // 20 % of 999 is 199.8: the platform keeps 199, the 0.8 goes to the coach.
    expect(splitAmount(999, 2000)).toEqual({ platform: 199, coach: 800 });
    expect(splitAmount(1, 2000)).toEqual({ platform: 0, coach: 1 });
  });

  it("always sums to the amount, for every amount and rate", () => {
    for (const rate of [0, 1, 1234, 2000, 3000, 5000, 9999, 10_000]) {
      for (const amount of [0, 1, 2, 3, 7, 99, 100, 101, 9_999, 123_457, 1_000_000_000]) {
        const { coach, platform } = splitAmount(amount, rate);
        expect(coach + platform).toBe(amount);
        expect(platform).toBe(Math.floor((amount * rate) / 10_000));
        expect(Number.isInteger(coach) && coach >= 0 && platform >= 0).toBe(true);
      }
    }
  });

  it("keeps exact integers where floating point would not", () => {
    // (2^53 − 1) × 3333 is far past 2^53, where doubles skip integers: computed in bigint, it stays exact.
    expect(splitAmount(Number.MAX_SAFE_INTEGER, 3333)).toEqual({
      platform: 3_002_099_511_605_172,
      coach: Number.MAX_SAFE_INTEGER - 3_002_099_511_605_172,
    });
  });

  it("refuses a fractional or negative amount and a rate beyond 100 %", () => {
    expect(() => splitAmount(1.5, 2000)).toThrow(RangeError);
    expect(() => splitAmount(-1, 2000)).toThrow(RangeError);
    expect(() => splitAmount(100, 10_001)).toThrow(RangeError);
    expect(() => splitAmount(100, 20.5)).toThrow(RangeError);
  });
});
