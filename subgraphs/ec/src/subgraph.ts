import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { EcDeps } from "./deps.ts";
import { createEcLoaders, type EcLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ec subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const ecSubgraph = defineSubgraph<EcDeps, EcLoaders>({
  name: "ec",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: createEcLoaders,
  readiness: infrastructureChecks,
});
