import { Router } from "express";
import type { Registry } from "prom-client";
import { type ReadinessCheck, runReadiness } from "./readiness.ts";

export interface HealthRoutesOptions {
  checks: readonly ReadinessCheck[];
  registry: Registry;
}

/**
 * `/health`: the process is alive. `/ready`: 200 "ready" when every dependency answers, 200 "degraded" when
 * only dependencies it can serve without do not, 503 "not ready" when an essential one does not; each names
 * the dependencies that failed and why (readiness.ts). `/metrics`: Prometheus.
 */
export function healthRoutes({ checks, registry }: HealthRoutesOptions): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (_req, res) => {
    const result = await runReadiness(checks);
    const status = !result.ok ? "not ready" : result.degraded ? "degraded" : "ready";
    res.status(result.ok ? 200 : 503).json({ status, checks: result.checks });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
