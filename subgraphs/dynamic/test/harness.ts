import { randomBytes, randomUUID } from "node:crypto";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { Role } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { busSubject } from "@health/platform/events";
import {
  createTestDatabase,
  deleteEventStreams,
  deleteRedisKeys,
  eventually,
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
      await deleteRedisKeys(`t_${suffix}:`, config.REDIS_URL);
      await database.drop();
    },
  };
}

export type DynamicHarness = Awaited<ReturnType<typeof startDynamicSubgraph>>;
