import { randomBytes, randomUUID } from "node:crypto";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { Redis } from "ioredis";
import type { NatsConnection } from "nats";
import type { Role } from "../auth/actor.ts";
import { busSubject } from "../events/subjects.ts";
import { createLogger } from "../logging/logger.ts";
import type { SubgraphContext } from "../server/context.ts";
import type { SubgraphDefinition } from "../server/subgraphDefinition.ts";
import { deleteEventStreams } from "./eventStreams.ts";
import { deleteRedisKeys } from "./redisKeys.ts";
import { startTestSubgraph } from "./startTestSubgraph.ts";
import { createTestDatabase } from "./testDatabase.ts";
import { startTestIssuer } from "./testIssuer.ts";

/** What keeps one test file's subgraph apart from every other's: its Redis keys and its event streams. */
export interface SubgraphIsolation {
  redisKeyPrefix: string;
  eventPrefix: string;
}

export interface SubgraphHarnessOptions<TConfig, TDeps, TLoaders> {
  definition: SubgraphDefinition<TDeps, TLoaders>;
  /** The subgraph's config schema applied to `env` (which holds the test database's DATABASE_URL). */
  loadConfig(env: Record<string, string>): TConfig;
  /** The subgraph's `connect<Name>`, given the isolation to use. */
  connect(config: TConfig, isolation: SubgraphIsolation): Promise<{ deps: TDeps; close(): Promise<void> }>;
  /** Extra environment for the config. */
  env?: Record<string, string>;
  /**
   * The subgraph signs its own tokens and serves them at its `/.well-known/jwks.json` (auth): no test
   * issuer is started, and its tests make people through its own API instead of `person()`.
   */
  issuesItsOwnTokens?: boolean;
}

/**
 * A subgraph as its integration tests want it: on a free port over its own fresh database, Redis keys
 * and event streams under a random prefix (all removed at close), and a real token issuer for the
 * people the tests make up.
 */
export async function startSubgraphHarness<
  TConfig extends { NATS_URL: string; REDIS_URL: string },
  TDeps extends { redis: Redis; nats: NatsConnection },
  TLoaders,
>(options: SubgraphHarnessOptions<TConfig, TDeps, TLoaders>) {
  const database = await createTestDatabase(options.definition.name);
  const issuer = options.issuesItsOwnTokens ? null : await startTestIssuer();
  const suffix = randomBytes(4).toString("hex");
  const bus = { prefix: `t_${suffix}` };
  const redisKeyPrefix = `t_${suffix}:`;
  const config = options.loadConfig({ DATABASE_URL: database.url, ...options.env });
  const { deps, close } = await options.connect(config, { redisKeyPrefix, eventPrefix: bus.prefix });
  const subgraph = await startTestSubgraph({
    definition: options.definition,
    deps,
    jwksUrl: issuer?.jwksUrl ?? "self",
  });

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    if (!issuer)
      throw new Error(`${options.definition.name} issues its own tokens: register through its API.`);
    const id = randomUUID();
    return { id, roles, token: await issuer.sign({ userId: id, roles }) };
  };

  /** The context a resolver sees for `who` (tests that call graphql's `subscribe()` on the schema). */
  const contextFor = (who: { id: string; roles: readonly Role[] }): SubgraphContext<TDeps, TLoaders> => {
    const actor = { userId: who.id, roles: who.roles, sessionId: "s", token: "t", expiresAt: new Date() };
    return {
      requestId: "test",
      actor,
      clientIp: "127.0.0.1",
      log: createLogger("test", "silent"),
      deps,
      loaders: options.definition.createLoaders(deps, actor),
    };
  };

  /** Publishes an envelope to this file's streams as a producer's relay does (`msgID` defaults to the event id). */
  const publish = async <E extends EventDefinition>(
    event: E,
    envelope: EventEnvelope<EventPayload<E>>,
    msgID = envelope.id,
  ) => {
    await deps.nats.jetstream().publish(busSubject(event.subject, bus), JSON.stringify(envelope), { msgID });
  };

  return {
    deps,
    config,
    bus,
    publish,
    contextFor,
    url: subgraph.url,
    server: subgraph.server,
    request: subgraph.request,
    routerKeys: subgraph.routerKeys,
    person,
    close: async () => {
      await subgraph.server.close();
      await issuer?.close();
      await close();
      await deleteEventStreams(bus, config.NATS_URL);
      await deleteRedisKeys(redisKeyPrefix, config.REDIS_URL);
      await database.drop();
    },
  };
}
