import { once } from "node:events";
import type { Server } from "node:net";
import { healthRoutes, type ReadinessCheck } from "@health/platform/server";
import express from "express";
import type { Registry } from "prom-client";

/** `/ready` fails while `server` (one of node-media-server's listeners) is not listening. */
export const listeningCheck = (name: string, server: Server | undefined): ReadinessCheck => ({
  name,
  check: async () => {
    if (!server?.listening) throw new Error(`${name} is not listening`);
  },
});

/** `/health`, `/ready` and `/metrics` on a port of their own (node-media-server's HTTP app is its own). */
export async function startHealthServer(options: {
  port: number;
  bind: string;
  checks: readonly ReadinessCheck[];
  registry: Registry;
}): Promise<{ port: number; close(): Promise<void> }> {
  const app = express();
  app.use(healthRoutes({ checks: options.checks, registry: options.registry }));
  const server = app.listen(options.port, options.bind);
  await once(server, "listening");
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
