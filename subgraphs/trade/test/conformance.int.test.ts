import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { startTradeSubgraph, type TradeHarness } from "./harness.ts";

let harness: TradeHarness;
beforeAll(async () => {
  harness = await startTradeSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("trade", () => harness);
