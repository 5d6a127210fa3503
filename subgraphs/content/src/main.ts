import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { contentConfigSchema } from "./config.ts";
import { connectContent } from "./connect.ts";
import { contentSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: contentSubgraph,
  configSchema: contentConfigSchema,
  connect: (config, process) => connectContent(config, process),
});
