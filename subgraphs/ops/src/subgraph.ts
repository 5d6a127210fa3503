import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import { createOpsLoaders, type OpsLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { AnalyticsResolver } from "./resolvers/analytics.resolver.ts";
import { AuditLogResolver } from "./resolvers/auditLog.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M05 + M17 + M18: the audit log and analytics (so far). */
export const opsSubgraph = defineSubgraph<OpsDeps, OpsLoaders>({
  name: "ops",
  resolvers: [UserResolver, AuditLogResolver, AnalyticsResolver],
  orphanedTypes: [User],
  createLoaders: createOpsLoaders,
  readiness: infrastructureChecks,
});
