import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

let harness: UserHarness;
beforeAll(async () => {
  harness = await startUserSubgraph();
});
afterAll(() => harness?.close());

describeSubgraphConformance("user", () => harness);
