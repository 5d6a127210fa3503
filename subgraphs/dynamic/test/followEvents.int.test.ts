import { readFileSync } from "node:fs";
import { userFollowedV1, userUnfollowedV1 } from "@health/events/catalog";
import type { EventDefinition } from "@health/events/define";
import { type EventEnvelope, envelopeSchema } from "@health/events/envelope";
import { busSubject, eventsStreamName } from "@health/platform/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

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

const as = async (person: Person, query: string, userId: string) => {
  const result = await h.request(query, { userId }, person.token);
  expect(result.errors).toBeUndefined();
};

/** dynamic's outbox rows about `followeeId`, oldest first, once the relay has sent every one of them. */
const sentOutboxOf = (followeeId: string) =>
  h.eventually(
    () => h.db.outboxEvent.findMany({ where: { aggregateId: followeeId }, orderBy: { createdAt: "asc" } }),
    (rows) => rows.length > 0 && rows.every((row) => row.sentAt !== null),
  );

/** The last message on the bus with the event's subject, as JetStream holds it. */
async function lastOnBus(event: EventDefinition): Promise<EventEnvelope> {
  const jsm = await h.deps.nats.jetstreamManager();
  const message = await jsm.streams.getMessage(eventsStreamName(h.bus), {
    last_by_subj: busSubject(event.subject, h.bus),
  });
  return message.json<EventEnvelope>();
}

describe("dynamic publishes follows through its outbox", () => {
  it("a follow writes user_followed with the row, a repeat follow writes nothing, and the relay sends it", async () => {
    const [fan, coach] = [await h.person(), await h.person()];
    await as(fan, FOLLOW, coach.id);
    await as(fan, FOLLOW, coach.id);
    const rows = await sentOutboxOf(coach.id);
    expect(rows.map((row) => row.subject)).toEqual([userFollowedV1.subject]);
    const follow = await h.db.follow.findUniqueOrThrow({
      where: { followerId_followeeId: { followerId: fan.id, followeeId: coach.id } },
    });
    const sent = await lastOnBus(userFollowedV1);
    expect(sent).toMatchObject({
      id: rows[0]?.id,
      name: "user_followed",
      producer: "dynamic",
      aggregateId: coach.id,
      actorId: fan.id,
      payload: { followerId: fan.id, followeeId: coach.id, at: follow.createdAt.toISOString() },
    });
  });

  it("an unfollow writes user_unfollowed; unfollowing someone not followed writes nothing", async () => {
    const [fan, coach] = [await h.person(), await h.person()];
    await as(fan, UNFOLLOW, coach.id);
    await as(fan, FOLLOW, coach.id);
    await as(fan, UNFOLLOW, coach.id);
    await as(fan, UNFOLLOW, coach.id);
    const rows = await sentOutboxOf(coach.id);
    expect(rows.map((row) => row.subject)).toEqual([userFollowedV1.subject, userUnfollowedV1.subject]);
    expect(await lastOnBus(userUnfollowedV1)).toMatchObject({
      id: rows[1]?.id,
      payload: { followerId: fan.id, followeeId: coach.id },
    });
  });

  it("refuses bad input naming the field, with no row and no event", async () => {
    const fan = await h.person();
    const self = await h.request(FOLLOW, { userId: fan.id }, fan.token);
    expect(self.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
    const bad = await h.request(UNFOLLOW, { userId: "not-a-user" }, fan.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "userId" });
    expect(await h.db.outboxEvent.count({ where: { envelope: { path: ["actorId"], equals: fan.id } } })).toBe(
      0,
    );
    expect(await h.db.follow.count({ where: { followerId: fan.id } })).toBe(0);
  });

  it("the backfill migration writes a valid user_followed, dated as the follow, for each follow made before the outbox", async () => {
    const [fan, coach] = [await h.person(), await h.person()];
    const followedAt = new Date("2026-11-30T08:15:00.123Z");
    await h.db.follow.create({ data: { followerId: fan.id, followeeId: coach.id, createdAt: followedAt } });
    const backfill = readFileSync(
      new URL(
        "../../../prisma/dynamic/migrations/20261207155003_publish_existing_follows/migration.sql",
        import.meta.url,
      ),
      "utf8",
    );
    // Run here over every follow of this file's database; only this coach's row is looked at.
    await h.db.$executeRawUnsafe(backfill);
    const [row] = await sentOutboxOf(coach.id);
    const envelope = envelopeSchema.parse(row?.envelope);
    expect(envelope).toMatchObject({
      id: row?.id,
      name: "user_followed",
      version: 1,
      producer: "dynamic",
      occurredAt: followedAt.toISOString(),
      aggregateId: coach.id,
      actorId: fan.id,
    });
    expect(userFollowedV1.payload.parse(envelope.payload)).toEqual({
      followerId: fan.id,
      followeeId: coach.id,
      at: followedAt.toISOString(),
    });
    expect(row?.subject).toBe(userFollowedV1.subject);
  });
});
