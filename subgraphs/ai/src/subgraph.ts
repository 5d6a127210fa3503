import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { AiDeps } from "./deps.ts";
import { type AiLoaders, createAiLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { GenerationTaskResolver } from "./resolvers/generationTask.resolver.ts";
import { RiskScoreResolver } from "./resolvers/riskScore.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ai subgraph (written by `npm run new:subgraph`): generation tasks (M16) and risk prediction. */
export const aiSubgraph = defineSubgraph<AiDeps, AiLoaders>({
  name: "ai",
  resolvers: [UserResolver, GenerationTaskResolver, RiskScoreResolver],
  orphanedTypes: [User],
  createLoaders: createAiLoaders,
  readiness: infrastructureChecks,
});
