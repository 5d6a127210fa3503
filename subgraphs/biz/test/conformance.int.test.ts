import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type BizHarness, startBizSubgraph } from "./harness.ts";

let harness: BizHarness;
beforeAll(async () => {
  harness = await startBizSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("biz", () => harness);
