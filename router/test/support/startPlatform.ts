import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { createTokenVerifier, isSessionRevoked } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { createLogger } from "@health/platform/logging";
import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import { createTestDatabase, type StartedTestSubgraph, startTestSubgraph } from "@health/platform/testing";
import { authConfigSchema } from "../../../subgraphs/auth/src/config.ts";
import { connectAuth } from "../../../subgraphs/auth/src/connect.ts";
import { authSubgraph } from "../../../subgraphs/auth/src/subgraph.ts";
import { userConfigSchema } from "../../../subgraphs/user/src/config.ts";
import { connectUser } from "../../../subgraphs/user/src/connect.ts";
import { userSubgraph } from "../../../subgraphs/user/src/subgraph.ts";
import { createRouter } from "../../src/createRouter.ts";

export interface StartedPlatform {
  /** The router's GraphQL endpoint. */
  url: string;
  subgraphs: Record<string, StartedTestSubgraph>;
  /** The auth subgraph's own dependencies, for tests that must reach past the API (e.g. to make an admin). */
  authDb: Awaited<ReturnType<typeof connectAuth>>["deps"]["db"];
  userDb: Awaited<ReturnType<typeof connectUser>>["deps"]["db"];
  close(): Promise<void>;
}

/**
 * The whole supergraph in this process, as a client sees it: each subgraph on a free port over its own
 * fresh database, the supergraph composed from their SDL, and the router in front verifying tokens
 * against the auth subgraph's JWKS.
 */
export async function startPlatform(): Promise<StartedPlatform> {
  const redisKeyPrefix = `t_${randomBytes(4).toString("hex")}:`;
  const cleanups: Array<() => Promise<void>> = [];

  const authDatabase = await createTestDatabase("auth");
  cleanups.push(authDatabase.drop);
  const auth = await connectAuth(loadConfig(authConfigSchema, { DATABASE_URL: authDatabase.url }), {
    redisKeyPrefix,
  });
  cleanups.push(auth.close);
  const authServer = await startTestSubgraph({ definition: authSubgraph, deps: auth.deps, jwksUrl: "self" });
  cleanups.push(authServer.server.close);
  const jwksUrl = new URL("/.well-known/jwks.json", authServer.url).href;

  const userDatabase = await createTestDatabase("user");
  cleanups.push(userDatabase.drop);
  const user = await connectUser(loadConfig(userConfigSchema, { DATABASE_URL: userDatabase.url }), {
    redisKeyPrefix,
  });
  cleanups.push(user.close);
  const userServer = await startTestSubgraph({ definition: userSubgraph, deps: user.deps, jwksUrl });
  cleanups.push(userServer.server.close);

  const { supergraphSdl } = composeSupergraph([
    { name: "auth", url: authServer.url, sdl: await printSubgraphSdl(authSubgraph) },
    { name: "user", url: userServer.url, sdl: await printSubgraphSdl(userSubgraph) },
  ]);
  const router = await createRouter({
    supergraphSdl,
    verifier: createTokenVerifier({ jwksUrl, issuer: "health-auth", audience: "health-platform" }),
    logger: createLogger("router", process.env.LOG_LEVEL ?? "silent"),
    isSessionRevoked: (sessionId) => isSessionRevoked(auth.deps.redis, sessionId),
  });
  cleanups.push(router.close);
  const url = await router.listen(0);

  return {
    url,
    subgraphs: { auth: authServer, user: userServer },
    authDb: auth.deps.db,
    userDb: user.deps.db,
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
