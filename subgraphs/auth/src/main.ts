import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { authConfigSchema } from "./config.ts";
import { connectAuth } from "./connect.ts";
import { authSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: authSubgraph,
  configSchema: authConfigSchema,
  connect: (config, process) => connectAuth(config, process),
});
