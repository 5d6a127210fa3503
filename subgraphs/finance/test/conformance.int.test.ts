import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type FinanceHarness, startFinanceSubgraph } from "./harness.ts";

let harness: FinanceHarness;
beforeAll(async () => {
  harness = await startFinanceSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("finance", () => harness);
