import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { FinanceDeps } from "./deps.ts";
import { createFinanceLoaders, type FinanceLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The finance subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const financeSubgraph = defineSubgraph<FinanceDeps, FinanceLoaders>({
  name: "finance",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: createFinanceLoaders,
  readiness: infrastructureChecks,
});
