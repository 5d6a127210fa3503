import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { opsConfigSchema } from "../src/config.ts";
import { connectOps } from "../src/connect.ts";
import { opsSubgraph } from "../src/subgraph.ts";

/**
 * The ops subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startOpsSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    env,
    definition: opsSubgraph,
    loadConfig: (env) => loadConfig(opsConfigSchema, env),
    connect: connectOps,
  });
  return { ...harness, db: harness.deps.db };
}

export type OpsHarness = Awaited<ReturnType<typeof startOpsSubgraph>>;
