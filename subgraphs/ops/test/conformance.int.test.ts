import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type OpsHarness, startOpsSubgraph } from "./harness.ts";

let harness: OpsHarness;
beforeAll(async () => {
  harness = await startOpsSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("ops", () => harness);
