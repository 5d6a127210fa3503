import { createServer, type Server } from "node:http";
import { healthRoutes, type ReadinessCheck } from "@health/platform/server";
import express from "express";
import type { Registry } from "prom-client";
import type { CircuitBreaker } from "../execution/circuitBreaker.ts";

/**
 * `/health`, `/ready` and `/metrics` for probes and Prometheus, on a listener of their own: `/ready` names
 * every subgraph's URL and `/metrics` shows traffic and refusals, which no client should read.
 */
export function createInternalServer(
  endpoints: Array<{ name: string; url: string }>,
  breakers: ReadonlyMap<string, CircuitBreaker>,
  registry: Registry,
): Server {
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRoutes({ checks: subgraphChecks(endpoints, breakers), registry }));
  return createServer(app);
}

/**
 * `/ready` on the router: every subgraph answers its own `/health` and its circuit is not open. A subgraph
 * that fails either is named with the reason, e.g. `"user": "no answer within 2000 ms"`, and the router
 * says "degraded" but stays ready: it still answers everything but that subgraph's fields (rule 10), and
 * a 503 from every router instance would take the whole endpoint out of its load balancer.
 */
function subgraphChecks(
  endpoints: Array<{ name: string; url: string }>,
  breakers: ReadonlyMap<string, CircuitBreaker>,
): ReadinessCheck[] {
  return endpoints.map(({ name, url }) => ({
    name,
    essential: false,
    check: async () => {
      if (breakers.get(name)?.state === "open") throw new Error("circuit open: requests to it fail at once");
      // runReadiness stops waiting after 2 s; the abort also frees the socket a frozen subgraph holds.
      const response = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    },
  }));
}
