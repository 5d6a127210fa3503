import { randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import { defineEvent } from "@health/events/define";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { EventPayloadError, publishEvent, UncatalogedEventError } from "../../src/events/publishEvent.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";

let database: EventsTestDatabase;
beforeAll(async () => {
  database = await createEventsTestDatabase();
});
afterAll(() => database.close());
beforeEach(async () => {
  await database.pool.query("TRUNCATE outbox_events");
});

const action = () => ({
  actionId: randomUUID(),
  userId: randomUUID(),
  type: "WORKOUT" as const,
  durationMinutes: 30,
  occurredAt: "2026-11-21T10:00:00.000Z",
});

const outboxCount = async () =>
  (await database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_events")).rows[0]!.n;

describe("publishEvent", () => {
  it("writes the envelope into the outbox in the caller's transaction", async () => {
    const payload = action();
    const envelope = await database.db.$transaction((tx) =>
      publishEvent(tx, healthActionRecordedV1, payload, {
        aggregateId: payload.userId,
        actorId: "actor-1",
        traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
      }),
    );
    expect(envelope).toMatchObject({
      name: "health_action_recorded",
      version: 1,
      producer: "user",
      aggregateId: payload.userId,
      actorId: "actor-1",
      payload,
    });
    const { rows } = await database.pool.query(
      "SELECT id::text, subject, aggregate_id, envelope, sent_at, attempts FROM outbox_events",
    );
    expect(rows).toEqual([
      {
        id: envelope.id,
        subject: "user.health_action_recorded.v1",
        aggregate_id: payload.userId,
        envelope,
        sent_at: null,
        attempts: 0,
      },
    ]);
  });

  it("writes nothing when the caller's transaction rolls back", async () => {
    await expect(
      database.db.$transaction(async (tx) => {
        await publishEvent(tx, healthActionRecordedV1, action(), { aggregateId: "u1" });
        throw new Error("the business write failed");
      }),
    ).rejects.toThrow("the business write failed");
    expect(await outboxCount()).toBe(0);
  });

  it("refuses a payload that breaks the event's schema, naming the event and the field", async () => {
    const broken = { ...action(), type: "NAP" } as unknown as ReturnType<typeof action>;
    const attempt = database.db.$transaction((tx) =>
      publishEvent(tx, healthActionRecordedV1, broken, { aggregateId: "u1" }),
    );
    await expect(attempt).rejects.toBeInstanceOf(EventPayloadError);
    await expect(attempt).rejects.toThrow(/user\.health_action_recorded\.v1[\s\S]*type/);
    expect(await outboxCount()).toBe(0);
  });

  it("refuses an envelope without an aggregate id", async () => {
    await expect(
      publishEvent(database.db, healthActionRecordedV1, action(), { aggregateId: "" }),
    ).rejects.toThrow(EventPayloadError);
    expect(await outboxCount()).toBe(0);
  });

  it("refuses an event that is not in the catalog, even one shaped like a cataloged one", async () => {
    const madeUp = defineEvent({
      name: "made_up",
      version: 1,
      producer: "user",
      description: "not in the catalog",
      payload: z.object({ id: z.string() }),
    });
    await expect(publishEvent(database.db, madeUp, { id: "x" }, { aggregateId: "x" })).rejects.toBeInstanceOf(
      UncatalogedEventError,
    );
    const lookalike = { ...healthActionRecordedV1 };
    await expect(publishEvent(database.db, lookalike, action(), { aggregateId: "x" })).rejects.toThrow(
      /not in @health\/events\/catalog/,
    );
    expect(await outboxCount()).toBe(0);
  });

  it("keeps the events of one transaction in the order they were published", async () => {
    const ids = await database.db.$transaction(async (tx) => {
      const published: string[] = [];
      for (let i = 0; i < 50; i++) {
        published.push((await publishEvent(tx, healthActionRecordedV1, action(), { aggregateId: "u1" })).id);
      }
      return published;
    });
    const { rows } = await database.pool.query<{ id: string }>(
      "SELECT id::text FROM outbox_events ORDER BY created_at, id",
    );
    expect(rows.map((row) => row.id)).toEqual(ids);
  });
});
