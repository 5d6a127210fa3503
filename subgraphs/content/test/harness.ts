import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { contentConfigSchema } from "../src/config.ts";
import { connectContent } from "../src/connect.ts";
import { contentSubgraph } from "../src/subgraph.ts";

/**
 * The content subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startContentSubgraph() {
  const harness = await startSubgraphHarness({
    definition: contentSubgraph,
    loadConfig: (env) => loadConfig(contentConfigSchema, env),
    connect: connectContent,
  });
  return { ...harness, db: harness.deps.db };
}

export type ContentHarness = Awaited<ReturnType<typeof startContentSubgraph>>;
