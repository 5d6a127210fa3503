import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { AiDeps } from "./deps.ts";
import { type AiLoaders, createAiLoaders } from "./loaders.ts";
import { ServiceOrder } from "./model/serviceOrder.ts";
import { User } from "./model/user.ts";
import { GenerationTaskResolver } from "./resolvers/generationTask.resolver.ts";
import { HealthInsightsResolver } from "./resolvers/healthInsights.resolver.ts";
import { RiskScoreResolver } from "./resolvers/riskScore.resolver.ts";
import { resolveServiceOrderReference } from "./resolvers/serviceOrder.reference.ts";
import { ServiceOrderResolver } from "./resolvers/serviceOrder.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M16: health insights (under consent), smart matching, generation tasks and risk prediction. */
export const aiSubgraph = defineSubgraph<AiDeps, AiLoaders>({
  name: "ai",
  resolvers: [
    UserResolver,
    HealthInsightsResolver,
    ServiceOrderResolver,
    GenerationTaskResolver,
    RiskScoreResolver,
  ],
  orphanedTypes: [User, ServiceOrder],
  references: { User: resolveUserReference, ServiceOrder: resolveServiceOrderReference },
  createLoaders: createAiLoaders,
  readiness: infrastructureChecks,
});
