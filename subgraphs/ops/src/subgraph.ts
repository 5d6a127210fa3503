import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import { createOpsLoaders, type OpsLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AccountHoldResolver } from "./resolvers/accountHold.resolver.ts";
import { RiskAlertResolver } from "./resolvers/riskAlert.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ops subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const opsSubgraph = defineSubgraph<OpsDeps, OpsLoaders>({
  name: "ops",
  resolvers: [UserResolver, RiskAlertResolver, AccountHoldResolver],
  orphanedTypes: [User],
  createLoaders: createOpsLoaders,
  readiness: infrastructureChecks,
});
