import "reflect-metadata";
import { runSubgraph } from "@health/platform/server";
import { financeConfigSchema } from "./config.ts";
import { connectFinance } from "./connect.ts";
import { financeSubgraph } from "./subgraph.ts";

await runSubgraph({
  definition: financeSubgraph,
  configSchema: financeConfigSchema,
  connect: (config, process) => connectFinance(config, process),
});
