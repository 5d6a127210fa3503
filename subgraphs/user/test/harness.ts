import { randomUUID } from "node:crypto";
import type { Role } from "@health/platform/auth";
import { connectNats } from "@health/platform/nats";
import { createPrismaClient } from "@health/platform/prisma";
import { createRedis } from "@health/platform/redis";
import { createTestDatabase, startTestIssuer, startTestSubgraph } from "@health/platform/testing";
import type { UserDeps } from "../src/deps.ts";
import { PrismaClient } from "../src/generated/prisma/client.ts";
import { userSubgraph } from "../src/subgraph.ts";

/** The user subgraph on a free port over its own fresh database, with a real token issuer. */
export async function startUserSubgraph() {
  const database = await createTestDatabase("user");
  const issuer = await startTestIssuer();
  const deps: UserDeps = {
    db: createPrismaClient(PrismaClient, database.url, { maxConnections: 5 }),
    redis: createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"),
    nats: await connectNats(process.env.NATS_URL ?? "nats://127.0.0.1:4222", "user-test"),
  };
  const subgraph = await startTestSubgraph({ definition: userSubgraph, deps, jwksUrl: issuer.jwksUrl });

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    const id = randomUUID();
    return { id, token: await issuer.sign({ userId: id, roles }) };
  };

  return {
    db: deps.db,
    request: subgraph.request,
    person,
    close: async () => {
      await subgraph.server.close();
      await issuer.close();
      await deps.nats.drain().catch(() => undefined);
      deps.redis.disconnect();
      await deps.db.$disconnect();
      await database.drop();
    },
  };
}

export type UserHarness = Awaited<ReturnType<typeof startUserSubgraph>>;
