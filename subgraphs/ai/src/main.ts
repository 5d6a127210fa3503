import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { aiConfigSchema } from "./config.ts";
import { connectAi } from "./connect.ts";
import { aiSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: aiSubgraph,
  configSchema: aiConfigSchema,
  connect: (config, process) => connectAi(config, process),
});
