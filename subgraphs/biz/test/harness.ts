import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { bizConfigSchema } from "../src/config.ts";
import { connectBiz } from "../src/connect.ts";
import { bizSubgraph } from "../src/subgraph.ts";

/**
 * The biz subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startBizSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: bizSubgraph,
    loadConfig: (vars) => loadConfig(bizConfigSchema, vars),
    connect: connectBiz,
    env,
  });
  return { ...harness, db: harness.deps.db };
}

export type BizHarness = Awaited<ReturnType<typeof startBizSubgraph>>;
