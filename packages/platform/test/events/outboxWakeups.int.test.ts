import { randomUUID } from "node:crypto";
import { connect, type NatsConnection } from "nats";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type OutboxRelay, startOutboxRelay } from "../../src/events/outboxRelay.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { actionPayload, recordActions } from "./support/activities.ts";
import { eventually, testBuses } from "./support/testBus.ts";

// An idle relay sleeps on LISTEN outbox_events: with the fallback poll set to a minute, a row still
// goes out at once, because its commit wakes the relay, also after the LISTEN connection was killed.

const logger = createLogger("events-test", "silent");
const A_MINUTE = 60_000;
let nats: NatsConnection;
const buses = testBuses(() => nats);
const opened: EventsTestDatabase[] = [];
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  nats = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
});
afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});
afterAll(async () => {
  await buses.deleteAll();
  await nats.close();
  for (const database of opened) await database.close();
});

async function database(): Promise<EventsTestDatabase> {
  const created = await createEventsTestDatabase();
  opened.push(created);
  return created;
}

/** The pid of the relay's LISTEN connection to `db`, once it is listening. */
async function listenerPid(db: EventsTestDatabase, other?: number): Promise<number> {
  let pid = 0;
  await eventually(async () => {
    const { rows } = await db.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'outbox-relay-listener' AND query ILIKE 'LISTEN%'`,
      [db.name],
    );
    pid = rows.find((row) => row.pid !== other)?.pid ?? 0;
    return pid !== 0;
  }, "the relay's LISTEN connection");
  return pid;
}

/** A relay on `db` woken by LISTEN/NOTIFY, whose fallback poll is a minute away. */
async function listeningRelay(db: EventsTestDatabase): Promise<OutboxRelay> {
  return startOutboxRelay({
    db: db.db,
    nats,
    logger,
    prefix: await buses.create(),
    notifications: { connectionString: db.url },
    fallbackPollMs: A_MINUTE,
  });
}

async function publishOneAndWait(db: EventsTestDatabase, relayed: OutboxRelay): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200)); // the relay is in its long sleep now
  await recordActions(db.db, [actionPayload(randomUUID())]);
  await relayed.drained(3_000);
}

describe("the outbox relay wakes on LISTEN/NOTIFY", () => {
  it("publishes a committed row at once though its fallback poll is a minute away", async () => {
    const db = await database();
    relay = await listeningRelay(db);
    await listenerPid(db);
    await publishOneAndWait(db, relay);
  });

  it("listens again after its connection is killed, and publishes at once again", async () => {
    const db = await database();
    relay = await listeningRelay(db);
    const first = await listenerPid(db);
    await db.pool.query("SELECT pg_terminate_backend($1)", [first]);
    const second = await listenerPid(db, first);
    expect(second).not.toBe(first);
    await publishOneAndWait(db, relay);
  });

  it("polls when the table has no notify trigger, instead of waiting for a notification that never comes", async () => {
    const db = await database();
    await db.pool.query(`DROP TRIGGER "outbox_events_notify" ON "outbox_events"`);
    relay = await listeningRelay(db);
    await publishOneAndWait(db, relay);
  });
});
