import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { goalAchievedV1, userFollowedV1 } from "@health/events/catalog";
import type { NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDeadLetters } from "../../src/events/deadLetters.ts";
import { startEventConsumer } from "../../src/events/eventConsumer.ts";
import { on } from "../../src/events/handlers.ts";
import { startOutboxRelay } from "../../src/events/outboxRelay.ts";
import { publishEvent } from "../../src/events/publishEvent.ts";
import { ensureEventStreams } from "../../src/events/streams.ts";
import { createLogger } from "../../src/logging/logger.ts";
import { connectNats } from "../../src/nats/connectNats.ts";
import { createEventsTestDatabase, type EventsTestDatabase } from "../../src/testing/eventsTestDatabase.ts";
import {
  NATS_SERVER,
  type PrivateNatsServer,
  startPrivateNatsServer,
} from "../../src/testing/privateNatsServer.ts";
import { eventually } from "./support/testBus.ts";

// Layer 1 of "who may publish what" (src/events/README.md): a nats-server of the test's own runs
// deploy/nats/nats-server.conf, and each subgraph connects as its own user. The machine's 4222 is never touched.
const CONFIG_FILE = join(import.meta.dirname, "..", "..", "..", "..", "deploy", "nats", "nats-server.conf");
const USERS = [
  "admin",
  "auth",
  "user",
  "dynamic",
  "trade",
  "finance",
  "ec",
  "content",
  "biz",
  "ops",
  "ai",
] as const;
type NatsUser = (typeof USERS)[number];
// nats-server parses a substituted variable as a value: an all-digit password would become a number.
const passwords = Object.fromEntries(
  USERS.map((user) => [user, `p${randomBytes(12).toString("hex")}`]),
) as Record<NatsUser, string>;
const logger = createLogger("nats-permissions-test", "silent");
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const hasNatsServer = existsSync(NATS_SERVER);
let server: PrivateNatsServer;
let admin: NatsConnection;
const connections: NatsConnection[] = [];

const connectAs = async (user: NatsUser): Promise<NatsConnection> => {
  const nats = await connectNats(server.url, user, { NATS_USER: user, NATS_PASSWORD: passwords[user] });
  connections.push(nats);
  return nats;
};

const goalPayload = () => ({
  goalId: randomUUID(),
  userId: randomUUID(),
  metric: "STEPS",
  target: 10_000,
  achievedAt: new Date().toISOString(),
});

/** Waits until `nats` has sent everything and the server had its chance to refuse it. */
const settled = async (nats: NatsConnection) => {
  await nats.flush();
  await new Promise((resolve) => setTimeout(resolve, 100));
};

if (!hasNatsServer) console.warn(`natsPermissions.int.test.ts skipped: ${NATS_SERVER} is not installed`);

describe.runIf(hasNatsServer)("deploy/nats/nats-server.conf", () => {
  beforeAll(async () => {
    server = await startPrivateNatsServer({
      configFile: CONFIG_FILE,
      env: {
        ...Object.fromEntries(USERS.map((user) => [`NATS_PASSWORD_${user.toUpperCase()}`, passwords[user]])),
        // biz's media server, not a subgraph (subgraphs/biz/test/mediaNatsPermissions.int.test.ts tests it).
        NATS_PASSWORD_MEDIA: `p${randomBytes(12).toString("hex")}`,
      },
    });
    admin = await connectAs("admin");
    await ensureEventStreams(admin);
  });
  afterAll(async () => {
    for (const nats of connections) await nats.close().catch(() => undefined);
    await server?.close();
  });

  it("lets no one in without a password, and no one in with another user's", async () => {
    await expect(connectNats(server.url, "anonymous")).rejects.toThrow(/authorization/i);
    await expect(
      connectNats(server.url, "trade", { NATS_USER: "trade", NATS_PASSWORD: passwords.user }),
    ).rejects.toThrow(/authorization/i);
  });

  it("refuses a subgraph publishing another subgraph's event", async () => {
    const envelope = { id: randomUUID(), name: "goal_achieved", version: 1, producer: "user" };
    for (const forger of ["trade", "dynamic", "auth"] as const) {
      const js = (await connectAs(forger)).jetstream();
      await expect(js.publish(goalAchievedV1.subject, encode(envelope)), forger).rejects.toThrow(
        /permissions violation/i,
      );
    }
    const jsm = await admin.jetstreamManager();
    expect((await jsm.streams.info("EVENTS")).state.messages).toBe(0);
  });

  it("lets dynamic publish its follows, and no other subgraph publish them", async () => {
    const envelope = { id: randomUUID(), name: "user_followed", version: 1, producer: "dynamic" };
    const dynamic = (await connectAs("dynamic")).jetstream();
    await expect(dynamic.publish(userFollowedV1.subject, encode(envelope))).resolves.toMatchObject({
      duplicate: false,
    });
    for (const forger of ["trade", "biz", "user"] as const) {
      const js = (await connectAs(forger)).jetstream();
      await expect(js.publish(userFollowedV1.subject, encode(envelope)), forger).rejects.toThrow(
        /permissions violation/i,
      );
    }
  });

  it("refuses a subgraph pushing another's live hints (fake orders to every coach)", async () => {
    const trade = await connectAs("trade");
    const received: string[] = [];
    const subscription = trade.subscribe("live.trade.order_available", {
      callback: (_, msg) => received.push(new TextDecoder().decode(msg.data)),
    });
    await trade.flush();
    const user = await connectAs("user");
    user.publish("live.trade.order_available", encode("fake order from user"));
    const dynamic = await connectAs("dynamic");
    dynamic.publish("live.trade.order_available", encode("fake order from dynamic"));
    await Promise.all([settled(user), settled(dynamic)]);
    trade.publish("live.trade.order_available", encode("real order"));
    await eventually(async () => received.length > 0, "trade's own hint to arrive");
    subscription.unsubscribe();
    expect(received).toEqual([JSON.stringify("real order")]);
  });

  it("lets biz carry its live-room chat between instances, and no other subgraph forge a line", async () => {
    const biz = await connectAs("biz");
    const subject = `live.biz.live_chat.${randomUUID()}`;
    const received: string[] = [];
    const subscription = biz.subscribe(subject, {
      callback: (_, msg) => received.push(new TextDecoder().decode(msg.data)),
    });
    await biz.flush();
    const trade = await connectAs("trade");
    trade.publish(subject, encode("forged line"));
    await settled(trade);
    biz.publish(subject, encode("real line"));
    await eventually(async () => received.length > 0, "biz's own chat line to arrive");
    subscription.unsubscribe();
    expect(received).toEqual([JSON.stringify("real line")]);
  });

  it("refuses a subgraph changing the streams (a republish could relabel its messages as another's)", async () => {
    const jsm = await (await connectAs("user")).jetstreamManager();
    const { config } = await jsm.streams.info("EVENTS");
    await expect(
      jsm.streams.update("EVENTS", {
        ...config,
        republish: { src: ">", dest: "live.trade.order_available" },
      }),
    ).rejects.toThrow(/permissions violation/i);
    await expect(ensureEventStreams(await connectAs("user"), { maxAgeMs: 60_000 })).rejects.toThrow(
      /Stream EVENTS differs .*only admin may/,
    );
    await expect(jsm.streams.purge("EVENTS")).rejects.toThrow(/permissions violation/i);
    await expect(jsm.streams.delete("EVENTS_DLQ")).rejects.toThrow(/permissions violation/i);
  });

  describe("with the outbox and a consumer", () => {
    let database: EventsTestDatabase;
    beforeAll(async () => {
      database = await createEventsTestDatabase();
    });
    afterAll(async () => {
      await database?.close();
    });

    it("carries user's events to dynamic's consumer, which dead-letters an operator's forged one", async () => {
      const userNats = await connectAs("user");
      const dynamicNats = await connectAs("dynamic");
      const handled: string[] = [];
      // What user and dynamic do at start-up, as themselves: the streams exist, so nothing changes.
      await ensureEventStreams(userNats);
      await ensureEventStreams(dynamicNats);
      const relay = startOutboxRelay({ db: database.db, nats: userNats, logger });
      const consumer = await startEventConsumer({
        consumer: "dynamic",
        db: database.db,
        nats: dynamicNats,
        logger,
        handlers: [on(goalAchievedV1, async (_tx, envelope) => void handled.push(envelope.payload.goalId))],
      });
      const payload = goalPayload();
      await database.db.$transaction((tx) =>
        publishEvent(tx, goalAchievedV1, payload, { aggregateId: payload.userId }),
      );
      await eventually(async () => handled.length === 1, "user's goal_achieved handled by dynamic");

      // Only admin can still publish on user's subjects; the consumer's check catches a wrong producer.
      const forged = {
        id: randomUUID(),
        name: goalAchievedV1.name,
        version: 1,
        producer: "trade",
        occurredAt: new Date().toISOString(),
        aggregateId: "victim",
        actorId: null,
        traceparent: null,
        payload: goalPayload(),
      };
      await admin.jetstream().publish(goalAchievedV1.subject, encode(forged));
      await eventually(
        async () => (await listDeadLetters(admin)).length === 1,
        "the forged event in the dead letters",
      );
      await relay.stop();
      await consumer.stop();
      expect(handled).toEqual([payload.goalId]);
      const [letter] = await listDeadLetters(admin);
      expect(letter).toMatchObject({ consumer: "dynamic", envelope: { id: forged.id } });
      expect(letter!.error).toMatch(/producer mismatch/);
    });

    // [NATS user, durable consumer]: a subgraph with several capabilities (ops, ai) runs one consumer each.
    it.each([
      ["trade", "trade"],
      ["finance", "finance"],
      ["ec", "ec"],
      ["biz", "biz"],
      ["ops", "ops-levels"],
      ["ops", "ops-notifications"],
      ["ai", "ai-matching"],
    ] as const)("lets %s run its own durable consumer %s", async (user, name) => {
      const nats = await connectAs(user);
      const handled: string[] = [];
      await ensureEventStreams(nats);
      const consumer = await startEventConsumer({
        consumer: name,
        db: database.db,
        nats,
        logger,
        handlers: [on(goalAchievedV1, async (_tx, envelope) => void handled.push(envelope.payload.goalId))],
      });
      const payload = goalPayload();
      const envelope = {
        id: randomUUID(),
        name: goalAchievedV1.name,
        version: 1,
        producer: "user",
        occurredAt: new Date().toISOString(),
        aggregateId: payload.userId,
        actorId: null,
        traceparent: null,
        payload,
      };
      await admin.jetstream().publish(goalAchievedV1.subject, encode(envelope));
      // The stream holds earlier tests' events too: a new durable consumer starts from its beginning.
      await eventually(async () => handled.includes(payload.goalId), `goal_achieved handled by ${name}`);
      await consumer.stop();
    });

    it("lets only ops push its notification hints (live.ops.notification_received.<user>)", async () => {
      const nats = await connectAs("ops");
      const subject = `live.ops.notification_received.${randomUUID()}`;
      const received: string[] = [];
      const subscription = nats.subscribe(subject, {
        callback: (_, msg) => received.push(new TextDecoder().decode(msg.data)),
      });
      await nats.flush();
      const trade = await connectAs("trade");
      trade.publish(subject, encode({ id: "forged" }));
      await settled(trade);
      nats.publish(subject, encode({ id: "real" }));
      await eventually(async () => received.length > 0, "ops's own hint to arrive");
      subscription.unsubscribe();
      expect(received).toEqual([JSON.stringify({ id: "real" })]);
    });
  });
});
