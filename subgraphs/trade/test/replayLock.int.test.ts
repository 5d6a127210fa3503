import { randomUUID } from "node:crypto";
import { createRedis } from "@health/platform/redis";
import { afterAll, describe, expect, it } from "vitest";
import { acquireReplayLease, replayLockKey } from "../src/domain/notifications/replayLock.ts";

const prefix = `t-${randomUUID()}:`;
const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { keyPrefix: prefix });
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(prefix.length)));
  redis.disconnect();
});

const refusalOf = (attempt: Promise<unknown>) =>
  attempt.then(
    () => null,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

describe("the replay lease (one orderAvailable resume in flight per coach)", () => {
  it("refuses a second holder until the first releases, and expires if never released", async () => {
    const coachId = randomUUID();
    const unexpected = (error: unknown) => {
      throw error;
    };
    const first = await acquireReplayLease(redis, coachId, unexpected);
    expect(await refusalOf(acquireReplayLease(redis, coachId, unexpected))).toMatchObject({
      code: "RATE_LIMITED",
      reason: "REPLAY_IN_FLIGHT",
    });
    expect(await redis.pttl(replayLockKey(coachId))).toBeGreaterThan(0);
    await first.release();
    const second = await acquireReplayLease(redis, coachId, unexpected);
    // A stale release (the first lease again) never frees the second holder's slot.
    await first.release();
    expect(await refusalOf(acquireReplayLease(redis, coachId, unexpected))).toMatchObject({
      code: "RATE_LIMITED",
    });
    await second.release();
  });

  it("fails open when Redis does not answer: the resume goes ahead, and the outage is reported", async () => {
    const down = createRedis("redis://127.0.0.1:1");
    down.on("error", () => undefined);
    const outages: unknown[] = [];
    try {
      const started = Date.now();
      const lease = await acquireReplayLease(down, randomUUID(), (error) => outages.push(error));
      await lease.release();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(outages).toHaveLength(1);
    } finally {
      down.disconnect();
    }
  });
});
