import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { userConfigSchema } from "./config.ts";
import { connectUser } from "./connect.ts";
import { userSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: userSubgraph,
  configSchema: userConfigSchema,
  connect: (config, process) => connectUser(config, process),
});
