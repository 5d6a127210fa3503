import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { goalAchievedV1, liveEndedV1, liveStartedV1 } from "@health/events/catalog";
import { ensureEventStreams } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { connectNats, type NatsConnection } from "@health/platform/nats";
import { eventually, type PrivateNatsServer, startPrivateNatsServer } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchStreamStates } from "../src/live/streamStates.ts";
import { envelopeOf } from "./fixtures.ts";

// The media server's NATS user in deploy/nats/nats-server.conf, on a nats-server of this file's own: it
// can follow live_started and live_ended, and nothing else.
const CONFIG_FILE = join(import.meta.dirname, "..", "..", "..", "deploy", "nats", "nats-server.conf");
const NATS_SERVER = "/usr/sbin/nats-server";
// Every password the file reads; nats-server would read an all-digit one as a number.
const passwords = Object.fromEntries(
  [...readFileSync(CONFIG_FILE, "utf8").matchAll(/\$(NATS_PASSWORD_[A-Z]+)/g)].map(([, name]) => [
    name,
    `p${randomBytes(12).toString("hex")}`,
  ]),
) as Record<string, string>;
const media = () => ({ NATS_USER: "media", NATS_PASSWORD: passwords.NATS_PASSWORD_MEDIA! });

let server: PrivateNatsServer;
let admin: NatsConnection;

describe.runIf(existsSync(NATS_SERVER))("the media server's NATS user", () => {
  beforeAll(async () => {
    server = await startPrivateNatsServer({ configFile: CONFIG_FILE, env: passwords });
    admin = await connectNats(server.url, "admin", {
      NATS_USER: "admin",
      NATS_PASSWORD: passwords.NATS_PASSWORD_ADMIN,
    });
    await ensureEventStreams(admin);
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  it("follows live_started and live_ended", async () => {
    const ended: string[] = [];
    const watcher = watchStreamStates({
      natsUrl: server.url,
      credentials: media(),
      lookbackSeconds: 3600,
      logger: createLogger("media-permissions-test", "silent"),
      onEnded: (name) => ended.push(name),
    });
    try {
      const streamId = randomUUID();
      const start = envelopeOf(liveStartedV1, {
        streamId,
        hostId: randomUUID(),
        title: "Morning stretch",
        startedAt: new Date().toISOString(),
      });
      await admin.jetstream().publish(liveStartedV1.subject, JSON.stringify(start), { msgID: start.id });
      expect(await eventually(async () => watcher.isLive(streamId), Boolean)).toBe(true);
      expect(watcher.caughtUp()).toBe(true);
      const envelope = envelopeOf(liveEndedV1, {
        streamId,
        hostId: randomUUID(),
        endedAt: new Date().toISOString(),
      });
      await admin.jetstream().publish(liveEndedV1.subject, JSON.stringify(envelope), { msgID: envelope.id });
      expect(
        await eventually(
          async () => ended,
          (names) => names.includes(streamId),
        ),
      ).toContain(streamId);
    } finally {
      await watcher.close();
    }
  });

  it("cannot open a consumer on any other event, nor publish one", async () => {
    const nats = await connectNats(server.url, "media", media());
    // A denied request is never answered, only timed out: a short timeout.
    const createConsumer = (filter: string, name = "probe") =>
      nats.request(
        `$JS.API.CONSUMER.CREATE.EVENTS.${name}.${filter}`,
        JSON.stringify({
          stream_name: "EVENTS",
          config: { name, filter_subject: filter, ack_policy: "none", deliver_policy: "all" },
        }),
        { timeout: 1_000 },
      );
    try {
      await expect(createConsumer(goalAchievedV1.subject)).rejects.toThrow();
      await expect(createConsumer("biz.>")).rejects.toThrow();
      expect((await createConsumer(liveEndedV1.subject)).json()).toMatchObject({ name: "probe" });
      expect((await createConsumer(liveStartedV1.subject, "probe2")).json()).toMatchObject({
        name: "probe2",
      });
      const envelope = envelopeOf(liveEndedV1, {
        streamId: randomUUID(),
        hostId: randomUUID(),
        endedAt: new Date().toISOString(),
      });
      await expect(
        nats.jetstream({ timeout: 1_000 }).publish(liveEndedV1.subject, JSON.stringify(envelope)),
      ).rejects.toThrow();
    } finally {
      await nats.close();
    }
  });
});
