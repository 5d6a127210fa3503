import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type EcHarness, startEcSubgraph } from "./harness.ts";

let harness: EcHarness;
beforeAll(async () => {
  harness = await startEcSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("ec", () => harness);
