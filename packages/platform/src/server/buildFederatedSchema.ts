import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { type GraphQLSchema, parse } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from "type-graphql";
import { RoleAuthChecker } from "../auth/authChecker.ts";

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override", "@interfaceObject", "@cost", "@listSize"])';

// biome-ignore lint/suspicious/noExplicitAny: resolver classes are arbitrary constructors
export type ClassType = new (...args: any[]) => object;

export type ReferenceResolver<TContext> = (
  reference: { __typename: string } & Record<string, unknown>,
  context: TContext,
) => unknown;

export interface FederatedSchemaOptions<TContext extends object> {
  resolvers: NonEmptyArray<ClassType>;
  orphanedTypes?: ClassType[];
  /** `__resolveReference` for each entity this subgraph owns, keyed by type name. */
  references?: Record<string, ReferenceResolver<TContext>>;
  /** Backs `@Subscription({ topics })` and `@PubSub()`; without one, using a topic fails loudly. */
  pubSub?: PubSub;
}

/** Stands in where no pub/sub is wired (SDL printing, subgraphs without topic subscriptions). */
const missingPubSub: PubSub = {
  publish: () => {
    throw new Error("This subgraph has no pubSub: return one from its definition's pubSub(deps).");
  },
  subscribe: () => {
    throw new Error("This subgraph has no pubSub: return one from its definition's pubSub(deps).");
  },
};

/**
 * type-graphql classes in, Federation 2 subgraph schema out: build with type-graphql, print with the
 * directives its decorators carry, link the federation spec, and let @apollo/subgraph add `_service`
 * and `_entities` around type-graphql's own resolvers.
 */
export async function buildFederatedSchema<TContext extends object>(
  options: FederatedSchemaOptions<TContext>,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    authChecker: RoleAuthChecker,
    pubSub: options.pubSub ?? missingPubSub,
    skipCheck: true,
    validate: false,
  });
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<TContext>;
  for (const [typeName, resolveReference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), __resolveReference: resolveReference };
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
