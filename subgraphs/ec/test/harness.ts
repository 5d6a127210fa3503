import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { ecConfigSchema } from "../src/config.ts";
import { connectEc } from "../src/connect.ts";
import { ecSubgraph } from "../src/subgraph.ts";

/**
 * The ec subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startEcSubgraph() {
  const harness = await startSubgraphHarness({
    definition: ecSubgraph,
    loadConfig: (env) => loadConfig(ecConfigSchema, env),
    connect: connectEc,
  });
  return { ...harness, db: harness.deps.db };
}

export type EcHarness = Awaited<ReturnType<typeof startEcSubgraph>>;
