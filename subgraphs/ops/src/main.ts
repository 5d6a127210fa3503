import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { opsConfigSchema } from "./config.ts";
import { connectOps } from "./connect.ts";
import { opsSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: opsSubgraph,
  configSchema: opsConfigSchema,
  connect: (config, process) => connectOps(config, process),
});
