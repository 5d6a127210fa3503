import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type AiHarness, startAiSubgraph } from "./harness.ts";

let harness: AiHarness;
beforeAll(async () => {
  harness = await startAiSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("ai", () => harness);
