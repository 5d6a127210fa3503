import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { aiConfigSchema } from "../src/config.ts";
import { connectAi } from "../src/connect.ts";
import { aiSubgraph } from "../src/subgraph.ts";

/**
 * The ai subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startAiSubgraph() {
  const harness = await startSubgraphHarness({
    definition: aiSubgraph,
    loadConfig: (env) => loadConfig(aiConfigSchema, env),
    connect: connectAi,
  });
  return { ...harness, db: harness.deps.db };
}

export type AiHarness = Awaited<ReturnType<typeof startAiSubgraph>>;
