import { AppError } from "@health/platform/errors";
import { createRedis, RateLimiter } from "@health/platform/redis";
import { freePort } from "@health/platform/testing";
import { afterAll, describe, expect, it } from "vitest";
import { takeSlowModeSlot } from "../src/domain/chat/slowMode.ts";

// Slow mode when Redis is gone (subgraphs/biz/README.md, "Slow mode"): a real client pointed at a port
// where no Redis listens. The limiter then decides on this process's own counts: neither open nor closed.

const redis = createRedis(`redis://127.0.0.1:${await freePort()}`, { commandTimeoutMs: 100 });
afterAll(() => redis.disconnect());

describe("slow mode with Redis unreachable", () => {
  it("still holds, per process: the first message passes, a second inside the window is RATE_LIMITED", async () => {
    const downs: unknown[] = [];
    const limiter = new RateLimiter(redis, { onRedisDown: (error) => downs.push(error) });
    await takeSlowModeSlot(limiter, "room", "user", 5);
    const refused = await takeSlowModeSlot(limiter, "room", "user", 5).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect((refused as AppError).extensions.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await takeSlowModeSlot(limiter, "room", "another user", 5);
    expect(downs.length).toBeGreaterThan(0);
  });
});
