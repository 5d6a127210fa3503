import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createRedis } from "../../src/redis/createRedis.ts";
import { RateLimiter } from "../../src/redis/rateLimiter.ts";
import { deleteRedisKeys } from "../../src/testing/index.ts";

const prefix = `t_${randomBytes(4).toString("hex")}:`;
const redis = createRedis("redis://127.0.0.1:6379", { keyPrefix: prefix });
const limiter = new RateLimiter(redis);

afterAll(async () => {
  await deleteRedisKeys(prefix);
  redis.disconnect();
});

describe("RateLimiter (GCRA in Redis)", () => {
  it("lets a burst of `limit` through, then refuses with the time until the next unit frees", async () => {
    const limit = { key: "burst", limit: 5, periodMs: 60_000 };
    for (let i = 0; i < 5; i++) expect(await limiter.take([limit])).toEqual({ allowed: true });
    const refused = await limiter.take([limit]);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterMs).toBeGreaterThan(10_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(12_000);
    }
  });

  it("counts a request's cost in units", async () => {
    const limit = { key: "cost", limit: 10, periodMs: 60_000 };
    expect((await limiter.take([{ ...limit, cost: 8 }])).allowed).toBe(true);
    expect((await limiter.take([{ ...limit, cost: 3 }])).allowed).toBe(false);
    expect((await limiter.take([{ ...limit, cost: 2 }])).allowed).toBe(true);
  });

  it("takes from every bucket or from none", async () => {
    const roomy = { key: "roomy", limit: 100, periodMs: 60_000 };
    const tight = { key: "tight", limit: 1, periodMs: 60_000 };
    expect((await limiter.take([roomy, tight])).allowed).toBe(true);
    expect((await limiter.take([roomy, tight])).allowed).toBe(false);
    // The refused request took nothing from the roomy bucket: 99 more fit, the 100th does not.
    expect((await limiter.take([{ ...roomy, cost: 99 }])).allowed).toBe(true);
    expect((await limiter.take([roomy])).allowed).toBe(false);
  });

  it("frees units as time passes", async () => {
    const limit = { key: "refill", limit: 2, periodMs: 200 };
    expect((await limiter.take([limit])).allowed).toBe(true);
    expect((await limiter.take([limit])).allowed).toBe(true);
    expect((await limiter.take([limit])).allowed).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect((await limiter.take([limit])).allowed).toBe(true);
  });
});
