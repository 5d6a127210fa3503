import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { dynamicConfigSchema } from "./config.ts";
import { connectDynamic } from "./connect.ts";
import { dynamicSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: dynamicSubgraph,
  configSchema: dynamicConfigSchema,
  connect: (config, process) => connectDynamic(config, process),
});
