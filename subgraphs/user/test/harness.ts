import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { userConfigSchema } from "../src/config.ts";
import { connectUser } from "../src/connect.ts";
import { userSubgraph } from "../src/subgraph.ts";

/**
 * The user subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startUserSubgraph() {
  const harness = await startSubgraphHarness({
    definition: userSubgraph,
    loadConfig: (env) => loadConfig(userConfigSchema, env),
    connect: connectUser,
  });
  return { ...harness, db: harness.deps.db, nats: harness.deps.nats };
}

export type UserHarness = Awaited<ReturnType<typeof startUserSubgraph>>;
