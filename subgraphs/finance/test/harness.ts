import { loadConfig } from "@health/platform/config";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { financeConfigSchema } from "../src/config.ts";
import { connectFinance } from "../src/connect.ts";
import { financeSubgraph } from "../src/subgraph.ts";

/**
 * The finance subgraph on a free port over its own fresh database, with a real token issuer, its outbox
 * relay and its consumer on streams of its own (a random prefix, deleted at close).
 */
export async function startFinanceSubgraph() {
  const harness = await startSubgraphHarness({
    definition: financeSubgraph,
    loadConfig: (env) => loadConfig(financeConfigSchema, env),
    connect: connectFinance,
  });
  return { ...harness, db: harness.deps.db, databaseUrl: harness.config.DATABASE_URL, eventually };
}

export type FinanceHarness = Awaited<ReturnType<typeof startFinanceSubgraph>>;

export const POINTS_BALANCE = `query Balance($userId: ID) { pointsBalance(userId: $userId) }`;
export const POINTS_HISTORY = `query History($userId: ID, $first: Int, $after: String) {
  pointsHistory(userId: $userId, first: $first, after: $after) {
    nodes { id points kind reason } pageInfo { endCursor hasNextPage }
  }
}`;
export const ADJUST_POINTS = `mutation Adjust($userId: ID!, $amount: Int!, $reason: String!) {
  adjustPoints(userId: $userId, amount: $amount, reason: $reason) { id points kind reason }
}`;
