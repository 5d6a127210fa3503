import "reflect-metadata";
import { defineSubgraph, infrastructureChecks } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import { createOpsLoaders, type OpsLoaders } from "./loaders.ts";
import { User } from "./model/user.ts";
import { CertificateResolver } from "./resolvers/certificate.resolver.ts";
import { CoachRatingResolver } from "./resolvers/rating.resolver.ts";
import { UserResolver } from "./resolvers/user.resolver.ts";

/** The ops subgraph: M05 coach ratings, levels and certificates. */
export const opsSubgraph = defineSubgraph<OpsDeps, OpsLoaders>({
  name: "ops",
  resolvers: [UserResolver, CoachRatingResolver, CertificateResolver],
  orphanedTypes: [User],
  createLoaders: createOpsLoaders,
  readiness: infrastructureChecks,
});
