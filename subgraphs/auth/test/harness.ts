import { loadConfig } from "@health/platform/config";
import type { ConnectSubgraphOptions } from "@health/platform/server";
import { startSubgraphHarness } from "@health/platform/testing";
import { authConfigSchema } from "../src/config.ts";
import { connectAuth } from "../src/connect.ts";
import { authSubgraph } from "../src/subgraph.ts";

/**
 * The auth subgraph on a free port over its own fresh database and Redis key prefix, verifying the
 * tokens it issues itself against its own JWKS.
 */
export async function startAuthSubgraph(
  env: Record<string, string> = {},
  connectOptions: Pick<ConnectSubgraphOptions, "consumer" | "outboxRelay"> = {},
) {
  return startSubgraphHarness({
    definition: authSubgraph,
    loadConfig: (vars) => loadConfig(authConfigSchema, vars),
    connect: (config, isolation) => connectAuth(config, { ...isolation, ...connectOptions }),
    env: { NODE_ENV: "test", ...env },
    issuesItsOwnTokens: true,
  });
}

export type AuthHarness = Awaited<ReturnType<typeof startAuthSubgraph>>;
