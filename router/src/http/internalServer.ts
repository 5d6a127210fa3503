import { createServer, type Server } from "node:http";
import { healthRoutes, type ReadinessCheck } from "@health/platform/server";
import express from "express";
import type { Registry } from "prom-client";

/**
 * `/health`, `/ready` and `/metrics` for probes and Prometheus, on a listener of their own: `/ready` names
 * every subgraph's URL and `/metrics` shows traffic and refusals, which no client should read.
 */
export function createInternalServer(
  endpoints: Array<{ name: string; url: string }>,
  registry: Registry,
): Server {
  const app = express();
  app.disable("x-powered-by");
  app.use(healthRoutes({ checks: subgraphChecks(endpoints), registry }));
  return createServer(app);
}

/** `/ready` on the router: every subgraph answers its own `/health`. */
function subgraphChecks(endpoints: Array<{ name: string; url: string }>): ReadinessCheck[] {
  return endpoints.map(({ name, url }) => ({
    name,
    check: async () => {
      const response = await fetch(new URL("/health", url));
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    },
  }));
}
