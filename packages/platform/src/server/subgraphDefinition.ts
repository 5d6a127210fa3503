import type { Router } from "express";
import type { NonEmptyArray, PubSub } from "type-graphql";
import type { ClassType, ReferenceResolver } from "./buildFederatedSchema.ts";
import type { SubgraphContext } from "./context.ts";
import type { ReadinessCheck } from "./readiness.ts";

/**
 * A subgraph as data: what `subgraph.ts` exports. Pure (no I/O), so the SDL printer, the tests and
 * `main.ts` all build exactly the same thing; `deps` are handed in when a server is created.
 */
export interface SubgraphDefinition<TDeps, TLoaders> {
  name: string;
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  references?: Record<string, ReferenceResolver<SubgraphContext<TDeps, TLoaders>>>;
  createLoaders(deps: TDeps, actor: SubgraphContext<TDeps, TLoaders>["actor"]): TLoaders;
  /** The dependencies `/ready` checks (database, Redis, NATS). */
  readiness(deps: TDeps): ReadinessCheck[];
  /** Extra HTTP routes beside `/graphql`, router-signed like it (the auth subgraph's key introspection). */
  routes?(deps: TDeps): Router;
  /** HTTP routes open to any caller, as `/health` is (the auth subgraph's JWKS document, for one). */
  publicRoutes?(deps: TDeps): Router;
  /** The pub/sub behind topic subscriptions (NATS-backed, so any instance can deliver any event). */
  pubSub?(deps: TDeps): PubSub;
}

export const defineSubgraph = <TDeps, TLoaders>(
  definition: SubgraphDefinition<TDeps, TLoaders>,
): SubgraphDefinition<TDeps, TLoaders> => definition;
