import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { FinanceDeps } from "./deps.ts";
import { createFinanceLoaders, type FinanceLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { PointsResolver } from "./resolvers/points.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M13 + M14 + M15: the double-entry ledger; points (M14) so far. */
export const financeSubgraph = defineSubgraph<FinanceDeps, FinanceLoaders>({
  name: "finance",
  resolvers: [PointsResolver, UserResolver],
  // Reached by no query here; its fields (`pointsBalance`) come through entity references.
  orphanedTypes: [User],
  references: { User: resolveUserReference },
  createLoaders: createFinanceLoaders,
  readiness: infrastructureChecks,
});
