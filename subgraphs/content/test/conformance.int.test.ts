import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type ContentHarness, startContentSubgraph } from "./harness.ts";

let harness: ContentHarness;
beforeAll(async () => {
  harness = await startContentSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("content", () => harness);
