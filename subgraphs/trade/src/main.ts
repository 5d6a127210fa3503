import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { tradeConfigSchema } from "./config.ts";
import { connectTrade } from "./connect.ts";
import { tradeSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: tradeSubgraph,
  configSchema: tradeConfigSchema,
  connect: (config, process) => connectTrade(config, process),
});
