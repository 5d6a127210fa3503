import { randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import { connect, headers, type NatsConnection } from "nats";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listDeadLetters, replayDeadLetter } from "../../src/events/deadLetters.ts";
import { type EventConsumer, startEventConsumer } from "../../src/events/eventConsumer.ts";
import { on } from "../../src/events/handlers.ts";
import { type OutboxRelay, startOutboxRelay } from "../../src/events/outboxRelay.ts";
import { ensureEventStreams } from "../../src/events/streams.ts";
import { busSubject, eventsStreamName } from "../../src/events/subjects.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { ACTIVITIES_SQL, actionPayload, count, insertActivity, recordActions } from "./support/activities.ts";
import { eventually, metricValue, randomBusPrefix, testBuses } from "./support/testBus.ts";

const logger = createLogger("events-test", "silent");
let nats: NatsConnection;
let database: EventsTestDatabase;
const buses = testBuses(() => nats);
let running: Array<OutboxRelay | EventConsumer> = [];

beforeAll(async () => {
  nats = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
  database = await createEventsTestDatabase({ extraSql: ACTIVITIES_SQL });
});
afterAll(async () => {
  await buses.deleteAll();
  await nats.close();
  await database.close();
});
beforeEach(async () => {
  await database.pool.query("TRUNCATE outbox_events, inbox_events, activities, effects");
});
afterEach(async () => {
  for (const part of running.reverse()) await part.stop();
  running = [];
});

const relay = (prefix: string, registry?: Registry) => {
  const started = startOutboxRelay({ db: database.db, nats, logger, prefix, metrics: registry });
  running.push(started);
  return started;
};

const consumer = async (
  options: Omit<Parameters<typeof startEventConsumer>[0], "db" | "nats" | "logger">,
) => {
  const started = await startEventConsumer({ db: database.db, nats, logger, ...options });
  running.push(started);
  return started;
};

const consumerInfo = async (prefix: string, name: string) =>
  (await nats.jetstreamManager()).consumers.info(eventsStreamName({ prefix }), name);

describe("outbox → JetStream → consumer", () => {
  it("delivers every event once, in order per aggregate, with two relays on one table", async () => {
    const prefix = await buses.create();
    const registry = new Registry();
    await consumer({
      consumer: "ordered",
      prefix,
      concurrency: 4,
      handlers: [
        on(healthActionRecordedV1, (tx, envelope) =>
          insertActivity(tx, envelope.payload).then(() => undefined),
        ),
      ],
    });
    relay(prefix, registry);
    const second = relay(prefix, registry);
    // Three writers at once, each owning some users and writing each user's events in order.
    const users = Array.from({ length: 9 }, () => randomUUID());
    const writer = (part: number) =>
      Array.from({ length: 200 }, (_, i) => actionPayload(users[part * 3 + (i % 3)]!, Math.floor(i / 3)));
    await Promise.all([0, 1, 2].map((part) => recordActions(database.db, writer(part))));
    await second.drained();
    await eventually(async () => (await count(database.db, "activities")) === 600, "600 activities");

    const stream = await (await nats.jetstreamManager()).streams.info(eventsStreamName({ prefix }));
    expect(stream.state.messages).toBe(600);
    expect(await metricValue(registry, "events_published_total")).toBe(600);
    const { rows } = await database.pool.query<{ user_id: string; seqs: number[] }>(
      "SELECT user_id, array_agg(seq ORDER BY received) AS seqs FROM activities GROUP BY user_id",
    );
    for (const { seqs } of rows) expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await count(database.db, "inbox_events")).toBe(600);
  });

  it("runs a handler's after-commit effects once its transaction committed, and never for one that failed", async () => {
    const prefix = await buses.create();
    const log: string[] = [];
    let attempts = 0;
    await consumer({
      consumer: "effects",
      prefix,
      backoffMs: [50],
      handlers: [
        on(healthActionRecordedV1, async (tx, envelope, { afterCommit }) => {
          attempts++;
          afterCommit(() => void log.push(`pushed ${attempts}`));
          afterCommit(() => {
            throw new Error("a push that fails is only logged");
          });
          await tx.$executeRawUnsafe("INSERT INTO effects (event_id) VALUES ($1::uuid)", envelope.id);
          if (attempts === 1) throw new Error("rolled back");
          log.push(`committed ${attempts}`);
        }),
      ],
    });
    relay(prefix);
    await recordActions(database.db, [actionPayload(randomUUID())]);
    await eventually(async () => log.length === 2, "the second attempt's effect");
    expect(log).toEqual(["committed 2", "pushed 2"]);
    expect(await count(database.db, "effects")).toBe(1);
  });

  it("has no second effect when a consumer dies after its commit but before its ack", async () => {
    const prefix = await buses.create();
    const registry = new Registry();
    let handled = 0;
    let killed = false;
    await consumer({
      consumer: "feed",
      prefix,
      metrics: registry,
      ackWaitMs: 400,
      handlers: [
        on(healthActionRecordedV1, async (tx, envelope) => {
          handled++;
          await tx.$executeRawUnsafe("INSERT INTO effects (event_id) VALUES ($1::uuid)", envelope.id);
        }),
      ],
      beforeAck: async () => {
        if (killed) return;
        killed = true;
        throw new Error("killed between commit and ack");
      },
    });
    relay(prefix);
    await recordActions(database.db, [actionPayload(randomUUID())]);

    await eventually(
      async () => (await metricValue(registry, "events_consumed_total", { outcome: "duplicate" })) === 1,
      "the redelivery to be recognised as a duplicate",
    );
    await eventually(async () => {
      const info = await consumerInfo(prefix, "feed");
      return info.num_ack_pending === 0 && info.num_pending === 0;
    }, "the message to be acked");
    expect(handled).toBe(1);
    expect(await count(database.db, "effects")).toBe(1);
    expect(await count(database.db, "inbox_events")).toBe(1);
    expect(await metricValue(registry, "events_redeliveries_total", { consumer: "feed" })).toBe(1);
    expect(await metricValue(registry, "events_consumed_total", { outcome: "unacked" })).toBe(1);
  });

  it("dead-letters a poison message after maxDeliver while later messages go through, then replays it", async () => {
    const prefix = await buses.create();
    const registry = new Registry();
    const user = randomUUID();
    const poison = actionPayload(user, 0);
    let fixed = false;
    await consumer({
      consumer: "feed",
      prefix,
      metrics: registry,
      maxDeliver: 3,
      backoffMs: [50, 100],
      handlers: [
        on(healthActionRecordedV1, async (tx, envelope) => {
          if (!fixed && envelope.payload.actionId === poison.actionId)
            throw new Error("cannot handle this action yet");
          await insertActivity(tx, envelope.payload);
        }),
      ],
    });
    relay(prefix);
    await recordActions(database.db, [
      poison,
      ...Array.from({ length: 20 }, (_, i) => actionPayload(user, i + 1)),
    ]);

    await eventually(async () => (await listDeadLetters(nats, { prefix })).length === 1, "one dead letter");
    // The later messages go on past the poison one; on a loaded machine some land after its dead letter.
    await eventually(async () => (await count(database.db, "activities")) === 20, "the 20 later activities");
    const [letter] = await listDeadLetters(nats, { prefix });
    expect(letter).toMatchObject({
      subject: busSubject(healthActionRecordedV1.subject, { prefix }),
      consumer: "feed",
      deliveries: 3,
      error: expect.stringContaining("cannot handle this action yet"),
      envelope: { payload: { actionId: poison.actionId } },
    });
    expect(letter!.deadAt).toBeInstanceOf(Date);
    expect(await metricValue(registry, "events_dead_letters_total", { consumer: "feed" })).toBe(1);
    expect(await metricValue(registry, "events_consumed_total", { outcome: "retried" })).toBe(2);

    fixed = true;
    await replayDeadLetter(nats, letter!.sequence, { prefix });
    await eventually(async () => (await count(database.db, "activities")) === 21, "the replayed action");
    expect(await listDeadLetters(nats, { prefix })).toEqual([]);
    await expect(replayDeadLetter(nats, letter!.sequence, { prefix })).rejects.toThrow(/no dead letter/);
  });

  it("dead-letters at once a message that can never succeed", async () => {
    const prefix = await buses.create();
    const registry = new Registry();
    let handled = 0;
    await consumer({
      consumer: "strict",
      prefix,
      metrics: registry,
      handlers: [
        on(healthActionRecordedV1, async () => {
          handled++;
        }),
      ],
    });
    const js = nats.jetstream();
    const subject = busSubject(healthActionRecordedV1.subject, { prefix });
    const envelope = {
      id: randomUUID(),
      name: "health_action_recorded",
      version: 1,
      producer: "user",
      occurredAt: new Date().toISOString(),
      aggregateId: "u1",
      actorId: null,
      traceparent: null,
      payload: { ...actionPayload(randomUUID()), type: "NAP" },
    };
    const withActor = headers();
    withActor.set("Health-Actor-Id", "actor-7");
    await js.publish(subject, new TextEncoder().encode("{not json"));
    await js.publish(subject, new TextEncoder().encode(JSON.stringify(envelope)), { headers: withActor });

    await eventually(async () => (await listDeadLetters(nats, { prefix })).length === 2, "two dead letters");
    const [notJson, badPayload] = await listDeadLetters(nats, { prefix });
    expect(notJson).toMatchObject({ consumer: "strict", deliveries: 1, envelope: null });
    expect(notJson!.error).toMatch(/not JSON/);
    expect(badPayload).toMatchObject({ deliveries: 1, envelope: { id: envelope.id } });
    expect(badPayload!.error).toMatch(/payload breaks user\.health_action_recorded\.v1[\s\S]*type/);
    const stored = await (await nats.jetstreamManager()).streams.getMessage(`${prefix}_EVENTS_DLQ`, {
      seq: badPayload!.sequence,
    });
    expect(stored.header.get("Health-Actor-Id")).toBe("actor-7");
    expect(stored.subject).toBe(`${prefix}.dlq.strict.user.health_action_recorded.v1`);
    expect(handled).toBe(0);
    expect(await metricValue(registry, "events_consumed_total", { outcome: "invalid" })).toBe(2);
  });

  it("records failed attempts while JetStream refuses the rows, and publishes them once it accepts", async () => {
    const prefix = randomBusPrefix();
    relay(prefix);
    await recordActions(database.db, [actionPayload(randomUUID()), actionPayload(randomUUID())]);
    await eventually(async () => {
      const { rows } = await database.pool.query(
        "SELECT attempts, last_error FROM outbox_events WHERE attempts >= 2",
      );
      return rows.length === 2 && rows.every((row) => /503|no responders/i.test(row.last_error));
    }, "failed attempts on both rows (no stream holds their subject yet)");

    await ensureEventStreams(nats, { prefix });
    buses.adopt(prefix);
    await eventually(
      async () => {
        const { rows } = await database.pool.query("SELECT 1 FROM outbox_events WHERE sent_at IS NULL");
        return rows.length === 0;
      },
      "both rows sent",
      10_000,
    );
    const { rows } = await database.pool.query("SELECT last_error FROM outbox_events");
    expect(rows).toEqual([{ last_error: null }, { last_error: null }]);
  });

  it("carries the actor and trace context in headers as well as in the envelope", async () => {
    const prefix = await buses.create();
    relay(prefix);
    const payload = actionPayload(randomUUID());
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const envelope = await database.db.$transaction((tx) =>
      import("../../src/events/publishEvent.ts").then(({ publishEvent }) =>
        publishEvent(tx, healthActionRecordedV1, payload, {
          aggregateId: payload.userId,
          actorId: "actor-9",
          traceparent,
        }),
      ),
    );
    const jsm = await nats.jetstreamManager();
    await eventually(
      async () => (await jsm.streams.info(eventsStreamName({ prefix }))).state.messages === 1,
      "the event on the stream",
    );
    const stored = await jsm.streams.getMessage(eventsStreamName({ prefix }), { seq: 1 });
    expect(stored.header.get("Nats-Msg-Id")).toBe(envelope.id);
    expect(stored.header.get("Health-Actor-Id")).toBe("actor-9");
    expect(stored.header.get("traceparent")).toBe(traceparent);
    expect(stored.header.get("Health-Event-Name")).toBe("health_action_recorded");
    expect(stored.header.get("Health-Event-Version")).toBe("1");
    expect(stored.header.get("Health-Producer")).toBe("user");
    expect(stored.json()).toEqual(envelope);
    // The relay marks the row after JetStream's ack, a moment after the message is stored.
    const sentRows = async () =>
      (await database.pool.query("SELECT sent_at IS NOT NULL AS sent, attempts FROM outbox_events")).rows;
    await eventually(async () => (await sentRows())[0]?.sent === true, "the row marked sent");
    expect(await sentRows()).toEqual([{ sent: true, attempts: 1 }]);
  });
});
