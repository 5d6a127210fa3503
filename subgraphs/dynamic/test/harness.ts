import { loadConfig } from "@health/platform/config";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { dynamicConfigSchema } from "../src/config.ts";
import { connectDynamic } from "../src/connect.ts";
import { dynamicSubgraph } from "../src/subgraph.ts";

/**
 * The dynamic subgraph on a free port over its own fresh database, its consumer reading streams of its
 * own (a random prefix, deleted at close), Redis keys under a random prefix, and a real token issuer.
 */
export async function startDynamicSubgraph() {
  const harness = await startSubgraphHarness({
    definition: dynamicSubgraph,
    loadConfig: (env) => loadConfig(dynamicConfigSchema, env),
    connect: connectDynamic,
  });
  return { ...harness, db: harness.deps.db, eventually };
}

export type DynamicHarness = Awaited<ReturnType<typeof startDynamicSubgraph>>;
