import { randomBytes } from "node:crypto";
import { loadConfig } from "@health/platform/config";
import { createTestDatabase, type StartedTestSubgraph, startTestSubgraph } from "@health/platform/testing";
import { authConfigSchema } from "../../src/config.ts";
import { connectAuth } from "../../src/connect.ts";
import type { AuthDeps } from "../../src/deps.ts";
import { authSubgraph } from "../../src/subgraph.ts";

export interface StartedAuth extends StartedTestSubgraph {
  deps: AuthDeps;
  close(): Promise<void>;
}

/** The auth subgraph on a free port over its own fresh database and Redis key prefix. */
export async function startAuth(env: Record<string, string> = {}): Promise<StartedAuth> {
  const database = await createTestDatabase("auth");
  const config = loadConfig(authConfigSchema, { ...env, DATABASE_URL: database.url, NODE_ENV: "test" });
  const { deps, close } = await connectAuth(config, {
    redisKeyPrefix: `t_${randomBytes(4).toString("hex")}:`,
  });
  const started = await startTestSubgraph({ definition: authSubgraph, deps, jwksUrl: "self" });
  return {
    ...started,
    deps,
    close: async () => {
      await started.server.close();
      await close();
      await database.drop();
    },
  };
}
