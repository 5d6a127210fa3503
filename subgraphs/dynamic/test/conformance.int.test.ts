import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type DynamicHarness, startDynamicSubgraph } from "./harness.ts";

let harness: DynamicHarness;
beforeAll(async () => {
  harness = await startDynamicSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("dynamic", () => harness);
