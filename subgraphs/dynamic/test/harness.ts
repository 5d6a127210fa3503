import { randomBytes, randomUUID } from "node:crypto";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { Role } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { busSubject } from "@health/platform/events";
import { createRedis } from "@health/platform/redis";
import {
  createTestDatabase,
  deleteEventStreams,
  startTestIssuer,
  startTestSubgraph,
} from "@health/platform/testing";
import { dynamicConfigSchema } from "../src/config.ts";
import { connectDynamic } from "../src/connect.ts";
import { dynamicSubgraph } from "../src/subgraph.ts";

/**
 * The dynamic subgraph on a free port over its own fresh database, its consumer reading streams of its
 * own (a random prefix, deleted at close), Redis keys under a random prefix, and a real token issuer.
 */
export async function startDynamicSubgraph() {
  const database = await createTestDatabase("dynamic");
  const issuer = await startTestIssuer();
  const suffix = randomBytes(4).toString("hex");
  const bus = { prefix: `t_${suffix}` };
  const config = loadConfig(dynamicConfigSchema, { DATABASE_URL: database.url });
  const { deps, close } = await connectDynamic(config, {
    redisKeyPrefix: `t_${suffix}:`,
    eventPrefix: bus.prefix,
  });
  const subgraph = await startTestSubgraph({ definition: dynamicSubgraph, deps, jwksUrl: issuer.jwksUrl });
  const js = deps.nats.jetstream();

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    const id = randomUUID();
    return { id, token: await issuer.sign({ userId: id, roles }) };
  };

  /** Publishes an envelope to JetStream as the relay does (`msgId` defaults to the event id). */
  const publish = async <E extends EventDefinition>(
    event: E,
    envelope: EventEnvelope<EventPayload<E>>,
    msgID = envelope.id,
  ) => {
    await js.publish(busSubject(event.subject, bus), JSON.stringify(envelope), { msgID });
  };

  /** Polls until `done(read())` or the timeout, then returns the last value read. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    deps,
    db: deps.db,
    bus,
    url: subgraph.url,
    server: subgraph.server,
    request: subgraph.request,
    person,
    publish,
    eventually,
    close: async () => {
      await subgraph.server.close();
      await issuer.close();
      await close();
      await deleteEventStreams(bus, config.NATS_URL);
      const redis = createRedis(config.REDIS_URL);
      const keys = await redis.keys(`t_${suffix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await database.drop();
    },
  };
}

export type DynamicHarness = Awaited<ReturnType<typeof startDynamicSubgraph>>;
