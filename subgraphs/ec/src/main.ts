import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { ecConfigSchema } from "./config.ts";
import { connectEc } from "./connect.ts";
import { ecSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: ecSubgraph,
  configSchema: ecConfigSchema,
  connect: (config, process) => connectEc(config, process),
});
