import { createRedis, type Redis } from "@health/platform/redis";
import { type PrivateRedisServer, startPrivateRedisServer } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFeedCache } from "../src/domain/feedCache.ts";

// Issue 17 point 2: the feed cache on a Redis of this test's own, which hangs (SIGSTOP) mid-way.

let server: PrivateRedisServer;
let redis: Redis;
const page = { ids: ["a1", "a2"], endCursor: "c", hasNextPage: true };

beforeAll(async () => {
  server = await startPrivateRedisServer();
  redis = createRedis(server.url, { commandTimeoutMs: 100 });
});

afterAll(async () => {
  redis?.disconnect();
  await server?.close();
});

describe("the feed cache while Redis fails", () => {
  it("misses and stores nothing, and after a lost invalidation serves no cached page for one TTL", async () => {
    const clock = { now: Date.now() };
    const failures: unknown[] = [];
    const cache = createFeedCache(redis, {
      ttlSeconds: 60,
      now: () => clock.now,
      onRedisDown: (error) => failures.push(error),
    });
    await (await cache.lookup("u1", 1, 20)).store(page);
    expect((await cache.lookup("u1", 1, 20)).hit).toEqual(page);

    server.freeze();
    try {
      const started = performance.now();
      const lookup = await cache.lookup("u1", 1, 20);
      expect(lookup.hit).toBeNull();
      await lookup.store(page);
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      server.thaw();
    }
    expect(failures.length).toBeGreaterThan(0);

    // Redis answers again and holds the page under the same generation, but an invalidation might have
    // been lost meanwhile: for one TTL this process does not trust what it finds.
    expect(await redis.exists("feed:u1:p1:g0:n20")).toBe(1);
    clock.now += 59_000;
    expect((await cache.lookup("u1", 1, 20)).hit).toBeNull();
    clock.now += 2_000;
    expect((await cache.lookup("u1", 1, 20)).hit).toEqual(page);

    // A change whose invalidation cannot reach Redis still commits: invalidate never throws.
    server.freeze();
    try {
      await expect(cache.invalidate(["u1"])).resolves.toBeUndefined();
    } finally {
      server.thaw();
    }
    expect((await cache.lookup("u1", 1, 20)).hit).toBeNull();
  });
});
