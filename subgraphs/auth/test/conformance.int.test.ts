import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

let auth: AuthHarness;
beforeAll(async () => {
  auth = await startAuthSubgraph();
});
afterAll(() => auth?.close());

describeSubgraphConformance("auth", () => auth);
