import { randomUUID } from "node:crypto";
import { healthActionRecordedV1 } from "@health/events/catalog";
import { connect, type NatsConnection } from "nats";
import { afterAll, afterEach, beforeAll, describe, it } from "vitest";
import { type OutboxRelay, startOutboxRelay } from "../../src/events/outboxRelay.ts";
import { insertOutboxRow } from "../../src/events/outboxTable.ts";
import { prepareEvent } from "../../src/events/publishEvent.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import { actionPayload, recordActions } from "./support/activities.ts";
import { testBuses } from "./support/testBus.ts";

// An idle relay sleeps on its fallback poll: a row written through publishEvent in this process wakes
// it at once, although the hint comes before the row's transaction commits; a row nobody hinted
// still goes out on the fallback poll.

const logger = createLogger("events-test", "silent");
const A_MINUTE = 60_000;
let nats: NatsConnection;
let database: EventsTestDatabase;
const buses = testBuses(() => nats);
let relay: OutboxRelay | undefined;

beforeAll(async () => {
  nats = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
  database = await createEventsTestDatabase();
});
afterEach(async () => {
  await relay?.stop();
  relay = undefined;
});
afterAll(async () => {
  await buses.deleteAll();
  await nats.close();
  await database.close();
});

/** A relay whose hot window after start is over, so it sleeps `fallbackPollMs` until woken. */
async function sleepingRelay(fallbackPollMs: number): Promise<OutboxRelay> {
  const started = startOutboxRelay({
    db: database.db,
    nats,
    logger,
    prefix: await buses.create(),
    hotWindowMs: 100,
    fallbackPollMs,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  return started;
}

describe("the outbox relay wakes on this process's writes", () => {
  it("publishes a row written through publishEvent at once, though its fallback poll is a minute away", async () => {
    relay = await sleepingRelay(A_MINUTE);
    await recordActions(database.db, [actionPayload(randomUUID())]);
    await relay.drained(3_000);
  });

  it("publishes a row written behind its back (another process, raw SQL) on the fallback poll", async () => {
    relay = await sleepingRelay(500);
    const user = randomUUID();
    const prepared = prepareEvent(healthActionRecordedV1, actionPayload(user), { aggregateId: user });
    await database.db.$transaction((tx) => insertOutboxRow(tx, prepared)); // no publishEvent: no hint
    await relay.drained(3_000);
  });
});
