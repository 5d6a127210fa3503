import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import type { DocumentNode } from "graphql";

/** One subgraph of the public gateways benchmark: its Federation 2 SDL and resolvers over fixed data. */
export interface BenchSubgraph {
  name: "accounts" | "inventory" | "products" | "reviews";
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}
