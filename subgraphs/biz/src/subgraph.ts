import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { BizDeps } from "./deps.ts";
import { type BizLoaders, createBizLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The biz subgraph (written by `npm run new:subgraph`): it owns nothing yet. */
export const bizSubgraph = defineSubgraph<BizDeps, BizLoaders>({
  name: "biz",
  resolvers: [UserResolver],
  orphanedTypes: [User],
  createLoaders: createBizLoaders,
  readiness: infrastructureChecks,
});
