import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../src/redis/memoryRateLimiter.ts";

const clock = (start = 1_000_000) => {
  const state = { now: start };
  return { state, now: () => state.now };
};

describe("MemoryRateLimiter (the per-process fallback while Redis is down)", () => {
  it("lets a burst of `limit` through, then refuses with the time until the next unit frees", () => {
    const { now } = clock();
    const limiter = new MemoryRateLimiter({ now });
    const limit = { key: "ip:a", limit: 5, periodMs: 60_000 };
    for (let i = 0; i < 5; i++) expect(limiter.take([limit])).toEqual({ allowed: true });
    expect(limiter.take([limit])).toEqual({ allowed: false, retryAfterMs: 12_000 });
  });

  it("frees one unit per period / limit", () => {
    const { state, now } = clock();
    const limiter = new MemoryRateLimiter({ now });
    const limit = { key: "ip:a", limit: 2, periodMs: 1_000 };
    limiter.take([limit]);
    limiter.take([limit]);
    expect(limiter.take([limit]).allowed).toBe(false);
    state.now += 499;
    expect(limiter.take([limit])).toEqual({ allowed: false, retryAfterMs: 1 });
    state.now += 1;
    expect(limiter.take([limit])).toEqual({ allowed: true });
  });

  it("counts a cost in units and refuses a request bigger than what is left", () => {
    const { now } = clock();
    const limiter = new MemoryRateLimiter({ now });
    const limit = { key: "user:u", limit: 10, periodMs: 60_000 };
    expect(limiter.take([{ ...limit, cost: 8 }]).allowed).toBe(true);
    expect(limiter.take([{ ...limit, cost: 3 }]).allowed).toBe(false);
    expect(limiter.take([{ ...limit, cost: 2 }]).allowed).toBe(true);
  });

  it("takes from every bucket or from none", () => {
    const { now } = clock();
    const limiter = new MemoryRateLimiter({ now });
    const ip = { key: "ip:a", limit: 100, periodMs: 60_000 };
    const user = { key: "user:u", limit: 1, periodMs: 60_000 };
    expect(limiter.take([ip, user]).allowed).toBe(true);
    // The user's bucket is empty: the address's must not pay for the refused request.
    for (let i = 0; i < 5; i++) expect(limiter.take([ip, user]).allowed).toBe(false);
    for (let i = 0; i < 99; i++) expect(limiter.take([ip]).allowed).toBe(true);
    expect(limiter.take([ip]).allowed).toBe(false);
  });

  it("keeps its memory bounded, dropping recovered buckets before live ones", () => {
    const { state, now } = clock();
    const limiter = new MemoryRateLimiter({ now, maxBuckets: 3 });
    const one = (key: string) => ({ key, limit: 1, periodMs: 1_000 });
    limiter.take([one("old-1")]);
    limiter.take([one("old-2")]);
    state.now += 1_000;
    limiter.take([one("live")]);
    limiter.take([one("new")]);
    expect(limiter.size).toBe(2);
    // "live" is still spent: it was kept.
    expect(limiter.take([one("live")]).allowed).toBe(false);
  });
});
