import { loadConfig } from "@health/platform/config";
import { startSubgraphHarness } from "@health/platform/testing";
import { financeConfigSchema } from "../src/config.ts";
import { connectFinance } from "../src/connect.ts";
import { financeSubgraph } from "../src/subgraph.ts";

/**
 * The finance subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startFinanceSubgraph() {
  const harness = await startSubgraphHarness({
    definition: financeSubgraph,
    loadConfig: (env) => loadConfig(financeConfigSchema, env),
    connect: connectFinance,
  });
  return { ...harness, db: harness.deps.db };
}

export type FinanceHarness = Awaited<ReturnType<typeof startFinanceSubgraph>>;
