import { randomUUID } from "node:crypto";
import {
  contentPublishedV1,
  goalAchievedV1,
  healthActionRecordedV1,
  inventoryUpdatedV1,
} from "@health/events/catalog";
import type { SqlExecutor } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { parse, subscribe } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEED_UPDATED, type FeedUpdatedMessage } from "../src/domain/feedUpdates.ts";
import { dynamicEventHandlers } from "../src/events/handlers.ts";
import { envelopeOf, payloads } from "./fixtures.ts";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

let h: DynamicHarness;
beforeAll(async () => {
  h = await startDynamicSubgraph();
});
afterAll(async () => {
  await h?.close();
});

const activitiesOf = (actorId: string) => h.db.activity.findMany({ where: { actorId } });

const FOLLOW = `mutation Follow($userId: ID!) { follow(userId: $userId) { id } }`;
const SHARE = `mutation Share($types: [ActivityType!]) {
  setFeedPreferences(input: { sharedHealthActivities: $types }) { sharedHealthActivities }
}`;

/** Resolves with the next value, or "timeout". */
const nextOrTimeout = <T>(iterator: AsyncIterator<T>, ms: number) =>
  Promise.race([
    iterator.next().then((result) => result.value as T),
    new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), ms)),
  ]);

describe("consuming events", () => {
  it("turns an event into one activity, even when the same envelope arrives twice", async () => {
    const userId = randomUUID();
    const envelope = envelopeOf(healthActionRecordedV1, payloads.healthAction(userId), {
      aggregateId: userId,
    });
    await h.publish(healthActionRecordedV1, envelope);
    // A second copy under another Nats-Msg-Id: JetStream's dedupe cannot catch it, the inbox must.
    await h.publish(healthActionRecordedV1, envelope, randomUUID());
    const inbox = await h.eventually(
      () => h.db.inboxEvent.count({ where: { eventId: envelope.id } }),
      (count) => count === 1,
    );
    expect(inbox).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the second copy be handled
    const activities = await activitiesOf(userId);
    expect(activities).toHaveLength(1);
    expect(activities[0]).toMatchObject({
      type: "HEALTH_ACTION_RECORDED",
      sourceEventId: envelope.id,
      topic: "health",
      visibility: "PRIVATE",
      objectType: "HEALTH_ACTION",
      objectId: envelope.payload.actionId,
      summary: "recorded a health action",
    });
  });

  it("makes one activity per event even if a handler runs twice (source_event_id is unique)", async () => {
    const userId = randomUUID();
    const envelope = envelopeOf(goalAchievedV1, payloads.goalAchieved(userId), { aggregateId: userId });
    const handler = dynamicEventHandlers(h.deps).find(
      (registration) => registration.event === goalAchievedV1,
    );
    for (let i = 0; i < 2; i++) {
      await h.db.$transaction(
        (tx: SqlExecutor) =>
          handler?.handle(tx, envelope, { afterCommit: () => undefined }) ?? Promise.resolve(),
      );
    }
    expect(await activitiesOf(userId)).toHaveLength(1);
  });

  it("consumes an event that makes no activity (inventory_updated) and records it in the inbox", async () => {
    const envelope = envelopeOf(inventoryUpdatedV1, {
      productId: randomUUID(),
      available: 3,
      updatedAt: new Date().toISOString(),
    });
    await h.publish(inventoryUpdatedV1, envelope);
    const inbox = await h.eventually(
      () => h.db.inboxEvent.count({ where: { eventId: envelope.id } }),
      (count) => count === 1,
    );
    expect(inbox).toBe(1);
    expect(await h.db.activity.count({ where: { sourceEventId: envelope.id } })).toBe(0);
  });
});

describe("feedUpdated", () => {
  it("delivers a followee's new activity to the follower over NATS, and not to a stranger", async () => {
    const follower = await h.person();
    const stranger = await h.person();
    const followee = await h.person();
    expect((await h.request(FOLLOW, { userId: followee.id }, follower.token)).errors).toBeUndefined();

    const forFollower = h.deps.pubSub.subscribe(FEED_UPDATED, follower.id);
    const forStranger = h.deps.pubSub.subscribe(FEED_UPDATED, stranger.id);
    await h.deps.pubSub.flush();
    const envelope = envelopeOf(contentPublishedV1, payloads.contentPublished(followee.id), {
      aggregateId: followee.id,
    });
    await h.publish(contentPublishedV1, envelope);

    const message = (await nextOrTimeout(forFollower, 10_000)) as FeedUpdatedMessage | "timeout";
    expect(message).not.toBe("timeout");
    expect(message).toMatchObject({
      recipientId: follower.id,
      activity: { actorId: followee.id, sourceEventId: envelope.id, type: "CONTENT_PUBLISHED" },
    });
    expect(await nextOrTimeout(forStranger, 300)).toBe("timeout");
    await forFollower.return?.();
    await forStranger.return?.();
  });

  it("tells only the owner of a health-derived activity they have not shared", async () => {
    const [owner, follower] = [await h.person(), await h.person()];
    await h.request(FOLLOW, { userId: owner.id }, follower.token);
    const forOwner = h.deps.pubSub.subscribe(FEED_UPDATED, owner.id);
    const forFollower = h.deps.pubSub.subscribe(FEED_UPDATED, follower.id);
    await h.deps.pubSub.flush();
    await h.publish(
      goalAchievedV1,
      envelopeOf(goalAchievedV1, payloads.goalAchieved(owner.id), { aggregateId: owner.id }),
    );
    expect(await nextOrTimeout(forOwner, 10_000)).toMatchObject({
      activity: { type: "GOAL_ACHIEVED", visibility: "PRIVATE", summary: "achieved a health goal" },
    });
    expect(await nextOrTimeout(forFollower, 300)).toBe("timeout");
    await forOwner.return?.();
    await forFollower.return?.();
  });

  it("runs the feedUpdated subscription field (topics, topicId, filter) for the signed-in user", async () => {
    const follower = await h.person();
    const followee = await h.person();
    await h.request(FOLLOW, { userId: followee.id }, follower.token);
    expect(
      (await h.request(SHARE, { types: ["HEALTH_ACTION_RECORDED"] }, followee.token)).errors,
    ).toBeUndefined();
    const result = await subscribe({
      schema: h.server.schema,
      document: parse("subscription { feedUpdated { type summary actor { id } visibility } }"),
      contextValue: {
        requestId: "test",
        actor: { userId: follower.id, roles: ["user"], sessionId: "s", token: "t", expiresAt: new Date() },
        clientIp: "127.0.0.1",
        log: createLogger("test", "silent"),
        deps: h.deps,
        loaders: {},
      },
    });
    if (!(Symbol.asyncIterator in result))
      throw new Error(`no subscription: ${JSON.stringify(result.errors)}`);
    await h.deps.pubSub.flush();
    await h.publish(
      healthActionRecordedV1,
      envelopeOf(healthActionRecordedV1, payloads.healthAction(followee.id), { aggregateId: followee.id }),
    );
    const event = await nextOrTimeout(result, 10_000);
    expect(event).toMatchObject({
      data: {
        feedUpdated: {
          type: "HEALTH_ACTION_RECORDED",
          summary: "recorded a health action",
          actor: { id: followee.id },
          visibility: "FOLLOWERS",
        },
      },
    });
    await result.return?.();
  });
});
