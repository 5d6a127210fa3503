import { ConfigError, loadConfig } from "@health/platform/config";
import { createTestRouterKeys } from "@health/platform/testing";
import { describe, expect, it } from "vitest";
import { routerConfigSchema, subgraphFailuresOf } from "../src/config.ts";

const keys = createTestRouterKeys();
const policyOf = (env: Record<string, string>) =>
  subgraphFailuresOf(loadConfig(routerConfigSchema, { ROUTER_SIGNING_KEY: keys.privateKey, ...env }), env);

describe("subgraph timeouts and breaker settings", () => {
  it("default to 5 s, 5 failures and a 5 s cool-down", () => {
    expect(policyOf({})).toEqual({
      timeoutMs: 5_000,
      timeoutMsBySubgraph: {},
      failureThreshold: 5,
      coolDownMs: 5_000,
    });
  });

  it("take a timeout per subgraph from SUBGRAPH_TIMEOUT_MS_<NAME>", () => {
    expect(
      policyOf({
        SUBGRAPH_TIMEOUT_MS: "2000",
        SUBGRAPH_TIMEOUT_MS_CONTENT: "10000",
        SUBGRAPH_BREAKER_FAILURES: "3",
        SUBGRAPH_BREAKER_COOL_DOWN_MS: "1500",
      }),
    ).toEqual({
      timeoutMs: 2_000,
      timeoutMsBySubgraph: { CONTENT: 10_000 },
      failureThreshold: 3,
      coolDownMs: 1_500,
    });
  });

  it("refuse a per-subgraph timeout that is not a positive whole number, naming the variable", () => {
    for (const value of ["0", "-5", "1.5", "soon", ""]) {
      let error: unknown;
      try {
        policyOf({ SUBGRAPH_TIMEOUT_MS_USER: value });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        `SUBGRAPH_TIMEOUT_MS_USER: expected a positive whole number of milliseconds, got "${value}"`,
      ]);
    }
  });
});
