import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { ContentDeps } from "./deps.ts";
import { type ContentLoaders, createContentLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The content subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const contentSubgraph = defineSubgraph<ContentDeps, ContentLoaders>({
  name: "content",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: createContentLoaders,
  readiness: infrastructureChecks,
});
