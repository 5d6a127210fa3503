import { randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import type { NatsConnection } from "nats";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEventConsumer } from "../../src/events/eventConsumer.ts";
import { on } from "../../src/events/handlers.ts";
import { startOutboxRelay } from "../../src/events/outboxRelay.ts";
import { ensureEventStreams } from "../../src/events/streams.ts";
import { eventsStreamName } from "../../src/events/subjects.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { connectNats } from "../../src/nats/connectNats.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { type PrivateNatsServer, startPrivateNatsServer } from "../../src/testing/privateNatsServer.ts";
import { ACTIVITIES_SQL, actionPayload, count, insertActivity, recordActions } from "./support/activities.ts";
import { eventually, metricValue, randomBusPrefix } from "./support/testBus.ts";

// This file stops and restarts a nats-server of its own; the machine's NATS on 4222 is never touched.
const logger = createLogger("events-outage-test", "silent");
const prefix = randomBusPrefix();
let server: PrivateNatsServer;
let nats: NatsConnection;
let database: EventsTestDatabase;

beforeAll(async () => {
  server = await startPrivateNatsServer();
  nats = await connectNats(server.url, "events-outage-test");
  database = await createEventsTestDatabase({ extraSql: ACTIVITIES_SQL });
  await ensureEventStreams(nats, { prefix });
});
afterAll(async () => {
  await nats?.close();
  await server?.close();
  await database?.close();
});

describe("a NATS outage", () => {
  it("loses and duplicates nothing: 500 events recorded while NATS is down all reach the consumer once", async () => {
    const registry = new Registry();
    const consumer = await startEventConsumer({
      consumer: "feed",
      db: database.db,
      nats,
      logger,
      prefix,
      handlers: [
        on(healthActionRecordedV1, (tx, envelope) =>
          insertActivity(tx, envelope.payload).then(() => undefined),
        ),
      ],
    });
    const relay = startOutboxRelay({ db: database.db, nats, logger, prefix, metrics: registry });

    await server.stop();
    const users = Array.from({ length: 25 }, () => randomUUID());
    const payloads = Array.from({ length: 500 }, (_, i) => actionPayload(users[i % 25]!, Math.floor(i / 25)));
    await recordActions(database.db, payloads);
    await eventually(
      async () => (await metricValue(registry, "events_outbox_backlog")) === 500,
      "the relay to report 500 unsent rows while NATS is down",
    );
    expect(await count(database.db, "activities")).toBe(0);

    await server.start();
    await eventually(async () => (await count(database.db, "activities")) === 500, "500 activities", 20_000);
    await relay.drained();
    await relay.stop();
    await consumer.stop();

    const { rows } = await database.pool.query<{ action_id: string }>(
      "SELECT action_id::text FROM activities",
    );
    expect(new Set(rows.map((row) => row.action_id))).toEqual(
      new Set(payloads.map((payload) => payload.actionId)),
    );
    expect(await count(database.db, "inbox_events")).toBe(500);
    const stream = await (await nats.jetstreamManager()).streams.info(eventsStreamName({ prefix }));
    expect(stream.state.messages).toBe(500);
    expect(await metricValue(registry, "events_published_total")).toBe(500);
  });
});
