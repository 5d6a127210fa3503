import { buildSubgraphSchema } from "@apollo/subgraph";
import { composeSupergraph } from "@health/platform/schema";
import { type GraphQLSchema, print } from "graphql";
import { accounts } from "./subgraphs/accounts.ts";
import type { BenchSubgraph } from "./subgraphs/benchSubgraph.ts";
import { inventory } from "./subgraphs/inventory.ts";
import { products } from "./subgraphs/products.ts";
import { reviews } from "./subgraphs/reviews.ts";

export const BENCH_SUBGRAPHS: readonly BenchSubgraph[] = [accounts, inventory, products, reviews];

export const subgraphSchemaOf = ({ typeDefs, resolvers }: BenchSubgraph): GraphQLSchema =>
  buildSubgraphSchema([{ typeDefs, resolvers }]);

/** The four subgraphs composed, each at `<subgraphsUrl>/<name>` (one process serves them all). */
export function composeBenchSupergraph(subgraphsUrl: string): string {
  return composeSupergraph(
    BENCH_SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      url: `${subgraphsUrl}/${subgraph.name}`,
      sdl: print(subgraph.typeDefs),
    })),
  ).supergraphSdl;
}
