import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { bizConfigSchema } from "./config.ts";
import { connectBiz } from "./connect.ts";
import { bizSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: bizSubgraph,
  configSchema: bizConfigSchema,
  connect: (config, process) => connectBiz(config, process),
});
