import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { AiDeps } from "./deps.ts";
import { type AiLoaders, createAiLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ai subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const aiSubgraph = defineSubgraph<AiDeps, AiLoaders>({
  name: "ai",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: createAiLoaders,
  readiness: infrastructureChecks,
});
