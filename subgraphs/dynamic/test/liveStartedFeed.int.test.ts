import { randomUUID } from "node:crypto";
import { liveStartedV1 } from "@health/events/catalog";
import { publishEvent, startOutboxRelay } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { createEventsTestDatabase } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

// live_started as biz will send it (issue 11): a row in a producer's outbox, published by the real
// relay to this file's streams, consumed by dynamic's durable consumer into the host's followers' feeds.

let h: DynamicHarness;
beforeAll(async () => {
  h = await startDynamicSubgraph();
});
afterAll(async () => {
  await h?.close();
});

type Person = Awaited<ReturnType<DynamicHarness["person"]>>;

const FOLLOW = `mutation Follow($userId: ID!) { follow(userId: $userId) { id } }`;
const UNFOLLOW = `mutation Unfollow($userId: ID!) { unfollow(userId: $userId) { id } }`;
const FEED = `query Feed { feed(first: 20) { nodes { type topic visibility summary actor { id } } } }`;

const as = async (person: Person, query: string, userId: string) => {
  const result = await h.request(query, { userId }, person.token);
  expect(result.errors).toBeUndefined();
};

describe("live_started reaches the host's followers' feeds", () => {
  it("through a producer's outbox and relay, the followers see it; an ex-follower and a stranger do not", async () => {
    const [host, fan, exFan, stranger] = [
      await h.person(),
      await h.person(),
      await h.person(),
      await h.person(),
    ];
    await as(fan, FOLLOW, host.id);
    await as(exFan, FOLLOW, host.id);
    await as(exFan, UNFOLLOW, host.id);

    // biz's side of the path: its outbox row, committed, then its relay publishing to this file's bus.
    const biz = await createEventsTestDatabase({ prefix: "biz_outbox_t" });
    const relay = startOutboxRelay({
      db: biz.db,
      nats: h.deps.nats,
      logger: createLogger("biz-relay"),
      ...h.bus,
    });
    try {
      const streamId = randomUUID();
      const live = await biz.db.$transaction((tx) =>
        publishEvent(
          tx,
          liveStartedV1,
          { streamId, hostId: host.id, title: "Morning yoga", startedAt: new Date().toISOString() },
          { aggregateId: streamId, actorId: host.id },
        ),
      );
      await relay.drained(10_000);
      await h.eventually(
        () => h.db.inboxEvent.count({ where: { eventId: live.id } }),
        (count) => count === 1,
      );
    } finally {
      await relay.stop();
      await biz.close();
    }

    const feedOf = async (person: Person) => {
      const result = await h.request<{ feed: { nodes: unknown[] } }>(FEED, {}, person.token);
      expect(result.errors).toBeUndefined();
      return result.data?.feed.nodes;
    };
    const item = {
      type: "LIVE_STARTED",
      topic: "live",
      visibility: "PUBLIC",
      summary: "went live: Morning yoga",
      actor: { id: host.id },
    };
    expect(await feedOf(fan)).toEqual([item]);
    expect(await feedOf(host)).toEqual([item]);
    expect(await feedOf(exFan)).toEqual([]);
    expect(await feedOf(stranger)).toEqual([]);
  });
});
