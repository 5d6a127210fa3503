import { randomUUID } from "node:crypto";
import { goalAchievedV1 } from "@health/events/catalog";
import { connect, headers, type NatsConnection } from "nats";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeadLetters } from "../../src/events/deadLetters.ts";
import { startEventConsumer } from "../../src/events/eventConsumer.ts";
import { on } from "../../src/events/handlers.ts";
import { busSubject, eventsStreamName } from "../../src/events/subjects.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { count } from "./support/activities.ts";
import { eventually, metricValue, testBuses } from "./support/testBus.ts";

// Issue 16 point 10: anyone who can publish must not get a goal_achieved into a victim's feed by
// claiming to be someone else. A message whose producer is not the subject's owner is dead-lettered
// unprocessed, and the real event with the same id still goes through.
const logger = createLogger("events-producer-test", "silent");
let nats: NatsConnection;
let database: EventsTestDatabase;
const buses = testBuses(() => nats);

beforeAll(async () => {
  nats = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
  database = await createEventsTestDatabase({ extraSql: "CREATE TABLE effects (event_id UUID NOT NULL);" });
});
afterAll(async () => {
  await buses.deleteAll();
  await nats.close();
  await database.close();
});

const goalEnvelope = (id: string, producer: string) => ({
  id,
  name: goalAchievedV1.name,
  version: goalAchievedV1.version,
  producer,
  occurredAt: new Date().toISOString(),
  aggregateId: "victim",
  actorId: null,
  traceparent: null,
  payload: {
    goalId: randomUUID(),
    userId: randomUUID(),
    metric: "STEPS",
    target: 10_000,
    achievedAt: new Date().toISOString(),
  },
});

describe("the consumer's producer check", () => {
  it("dead-letters a goal_achieved claiming another producer, without running it or blocking the real one", async () => {
    const prefix = await buses.create();
    const registry = new Registry();
    const handled: string[] = [];
    const consumer = await startEventConsumer({
      consumer: "feed",
      db: database.db,
      nats,
      logger,
      prefix,
      metrics: registry,
      handlers: [
        on(goalAchievedV1, async (tx, envelope) => {
          handled.push(envelope.producer);
          await tx.$executeRawUnsafe("INSERT INTO effects (event_id) VALUES ($1::uuid)", envelope.id);
        }),
      ],
    });
    const js = nats.jetstream();
    const subject = busSubject(goalAchievedV1.subject, { prefix });
    const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
    const id = randomUUID();
    // 1: the envelope names another producer. 2: the envelope is right but the header says otherwise.
    await js.publish(subject, encode(goalEnvelope(id, "trade")), { msgID: `forged-1-${id}` });
    const forgedHeader = headers();
    forgedHeader.set("Health-Producer", "ec");
    await js.publish(subject, encode(goalEnvelope(id, "user")), {
      msgID: `forged-2-${id}`,
      headers: forgedHeader,
    });
    await eventually(async () => (await listDeadLetters(nats, { prefix })).length === 2, "two dead letters");

    const realHeader = headers();
    realHeader.set("Health-Producer", "user");
    await js.publish(subject, encode(goalEnvelope(id, "user")), { msgID: id, headers: realHeader });
    await eventually(async () => handled.length === 1, "the real event to be handled");
    await eventually(async () => {
      const info = await (await nats.jetstreamManager()).consumers.info(eventsStreamName({ prefix }), "feed");
      return info.num_ack_pending === 0 && info.num_pending === 0;
    }, "every message settled");
    await consumer.stop();

    expect(handled).toEqual(["user"]);
    expect(await count(database.db, "effects")).toBe(1);
    expect(await count(database.db, "inbox_events")).toBe(1);
    const letters = await listDeadLetters(nats, { prefix });
    expect(letters.map((letter) => [letter.consumer, letter.deliveries, letter.envelope?.id])).toEqual([
      ["feed", 1, id],
      ["feed", 1, id],
    ]);
    expect(letters[0]!.error).toMatch(/producer mismatch.*"trade".*only user publishes/);
    expect(letters[1]!.error).toMatch(/producer mismatch.*Health-Producer header says "ec"/);
    expect(await metricValue(registry, "events_consumed_total", { outcome: "forged" })).toBe(2);
    expect(await metricValue(registry, "events_consumed_total", { outcome: "processed" })).toBe(1);
  });
});
