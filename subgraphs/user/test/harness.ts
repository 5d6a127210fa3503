import { randomBytes, randomUUID } from "node:crypto";
import type { Role } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { createTestDatabase, startTestIssuer, startTestSubgraph } from "@health/platform/testing";
import { userConfigSchema } from "../src/config.ts";
import { connectUser } from "../src/connect.ts";
import { userSubgraph } from "../src/subgraph.ts";

/** The user subgraph on a free port over its own fresh database, with a real token issuer. */
export async function startUserSubgraph() {
  const database = await createTestDatabase("user");
  const issuer = await startTestIssuer();
  const { deps, close } = await connectUser(loadConfig(userConfigSchema, { DATABASE_URL: database.url }), {
    redisKeyPrefix: `t_${randomBytes(4).toString("hex")}:`,
  });
  const subgraph = await startTestSubgraph({ definition: userSubgraph, deps, jwksUrl: issuer.jwksUrl });

  /** A new person with a signed token. */
  const person = async (roles: Role[] = ["user"]) => {
    const id = randomUUID();
    return { id, token: await issuer.sign({ userId: id, roles }) };
  };

  return {
    db: deps.db,
    url: subgraph.url,
    request: subgraph.request,
    person,
    close: async () => {
      await subgraph.server.close();
      await issuer.close();
      await close();
      await database.drop();
    },
  };
}

export type UserHarness = Awaited<ReturnType<typeof startUserSubgraph>>;
