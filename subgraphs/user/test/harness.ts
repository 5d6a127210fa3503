import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import {
  createTestDatabase,
  deleteEventStreams,
  startTestIssuer,
  startTestSubgraph,
} from "@health/platform/testing";
import { userConfigSchema } from "../src/config.ts";
import { connectUser } from "../src/connect.ts";
import { userSubgraph } from "../src/subgraph.ts";

/**
 * The user subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startUserSubgraph() {
  const database = await createTestDatabase("user");
  const issuer = await startTestIssuer();
  const suffix = randomBytes(4).toString("hex");
  const bus = { prefix: `t_${suffix}` };
  const config = loadConfig(userConfigSchema, { DATABASE_URL: database.url });
  const { deps, close } = await connectUser(config, {
    redisKeyPrefix: `t_${suffix}:`,
    eventPrefix: bus.prefix,
  });
  const subgraph = await startTestSubgraph({ definition: userSubgraph, deps, jwksUrl: issuer.jwksUrl });

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    const id = randomUUID();
    return { id, token: await issuer.sign({ userId: id, roles }) };
  };

  return {
    db: deps.db,
    nats: deps.nats,
    bus,
    url: subgraph.url,
    request: subgraph.request,
    person,
    close: async () => {
      await subgraph.server.close();
      await issuer.close();
      await close();
      await deleteEventStreams(bus, config.NATS_URL);
      await database.drop();
    },
  };
}

export type UserHarness = Awaited<ReturnType<typeof startUserSubgraph>>;
