import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { aiConfigSchema } from "../src/config.ts";
import { connectAi } from "../src/connect.ts";
import { aiSubgraph } from "../src/subgraph.ts";

/**
 * The ai subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay, consumers and generation worker on streams of its own (a random prefix, deleted at close).
 */
export async function startAiSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: aiSubgraph,
    loadConfig: (values) => loadConfig(aiConfigSchema, values),
    connect: connectAi,
    env,
  });
  // Its close deletes every stream under the run's prefix, the AI_TASKS work queue included.
  return { ...harness, db: harness.deps.db };
}

export type AiHarness = Awaited<ReturnType<typeof startAiSubgraph>>;
