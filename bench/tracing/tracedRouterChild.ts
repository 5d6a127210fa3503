// Child process of `npm run bench:tracing`: our router ("on": every limit and plugin, as in production)
// over the bench supergraph, with tracing from the standard OTEL_* variables (none: off). Reports its
// URL over IPC and closes, flushing its spans, on "close".
import { readFileSync } from "node:fs";
import { loadConfig } from "@health/platform/config";
import { startTracing, tracingConfigSchema, tracingSettings } from "@health/platform/tracing";
import type { GatewayChildMessage } from "../gateway/gatewayChild.ts";
import { startHealthRouter } from "../gateway/gateways/healthRouter.ts";

const send = (message: GatewayChildMessage) => process.send!(message);
const tracing = startTracing(tracingSettings(loadConfig(tracingConfigSchema), "router"));
const router = await startHealthRouter(readFileSync(process.env.BENCH_SUPERGRAPH_PATH ?? "", "utf8"), "on");
process.on("message", async (message: { type: string }) => {
  if (message.type !== "close") return;
  await router.close();
  await tracing.shutdown();
  send({ type: "closed" });
  process.disconnect();
  setTimeout(() => process.exit(0), 200).unref();
});
send({ type: "ready", url: router.url });
