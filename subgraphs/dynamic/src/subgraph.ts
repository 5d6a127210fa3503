import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { DynamicDeps } from "./deps.ts";
import { createDynamicLoaders, type DynamicLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { ActivityResolver } from "./resolvers/activity.resolver.ts";
import { FeedPreferencesResolver } from "./resolvers/feedPreferences.resolver.ts";
import { resolveUserReference } from "./resolvers/user.reference.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** M19: activities made from every catalog event, follows, personal and trending feeds, feed preferences. */
export const dynamicSubgraph = defineSubgraph<DynamicDeps, DynamicLoaders>({
  name: "dynamic",
  resolvers: [ActivityResolver, UserResolver, FeedPreferencesResolver],
  orphanedTypes: [User],
  references: { User: resolveUserReference },
  createLoaders: createDynamicLoaders,
  readiness: infrastructureChecks,
  pubSub: (deps) => deps.pubSub,
});
