import { describeSubgraphConformance } from "@health/platform/testing";
import { afterAll, beforeAll } from "vitest";
import { type StartedAuth, startAuth } from "./support/startAuth.ts";

let auth: StartedAuth;
beforeAll(async () => {
  auth = await startAuth();
});
afterAll(() => auth?.close());

describeSubgraphConformance("auth", () => auth);
