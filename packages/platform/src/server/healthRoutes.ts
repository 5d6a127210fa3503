import { Router } from "express";
import type { Registry } from "prom-client";
import { type ReadinessCheck, runReadiness } from "./readiness.ts";

export interface HealthRoutesOptions {
  checks: readonly ReadinessCheck[];
  registry: Registry;
}

/** `/health`: the process is alive. `/ready`: every dependency answers (503 naming those that do not). `/metrics`: Prometheus. */
export function healthRoutes({ checks, registry }: HealthRoutesOptions): Router {
  const router = Router();
  router.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/ready", async (_req, res) => {
    const result = await runReadiness(checks);
    res
      .status(result.ok ? 200 : 503)
      .json({ status: result.ok ? "ready" : "not ready", checks: result.checks });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  return router;
}
