import { describe, expect, it } from "vitest";
import {
  DEFAULT_REDELIVERY_BACKOFF_MS,
  exponentialBackoffMs,
  RELAY_BACKOFF,
  redeliveryDelayMs,
} from "../../src/events/backoff.ts";
import { RetrySchedule } from "../../src/events/retrySchedule.ts";

describe("exponentialBackoffMs", () => {
  it("doubles from the initial delay and stops at the cap", () => {
    const delays = [0, 1, 2, 3, 4, 7, 8, 50].map((failures) => exponentialBackoffMs(failures, RELAY_BACKOFF));
    expect(delays).toEqual([0, 50, 100, 200, 400, 3_200, 5_000, 5_000]);
  });
});

describe("redeliveryDelayMs", () => {
  it("takes the delay for the delivery that failed, repeating the last one", () => {
    expect(redeliveryDelayMs(1, [100, 500])).toBe(100);
    expect(redeliveryDelayMs(2, [100, 500])).toBe(500);
    expect(redeliveryDelayMs(9, [100, 500])).toBe(500);
    expect(redeliveryDelayMs(1, [])).toBe(0);
  });

  it("defaults to 100 ms × 2^n, capped at 30 s", () => {
    expect(DEFAULT_REDELIVERY_BACKOFF_MS.slice(0, 4)).toEqual([100, 200, 400, 800]);
    expect(redeliveryDelayMs(50, DEFAULT_REDELIVERY_BACKOFF_MS)).toBe(30_000);
  });
});

describe("RetrySchedule", () => {
  it("holds a failed row back for its backoff and forgets it once it succeeds", () => {
    const schedule = new RetrySchedule({ initialMs: 50, maxMs: 5_000 });
    expect(schedule.isDue("a", 1_000)).toBe(true);
    schedule.failed("a", 1_000);
    expect(schedule.isDue("a", 1_049)).toBe(false);
    expect(schedule.isDue("a", 1_050)).toBe(true);
    schedule.failed("a", 1_050);
    expect(schedule.isDue("a", 1_149)).toBe(false);
    schedule.succeeded("a");
    expect(schedule.isDue("a", 1_051)).toBe(true);
  });
});
