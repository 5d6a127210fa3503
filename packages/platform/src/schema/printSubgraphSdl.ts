import { printSubgraphSchema } from "@apollo/subgraph";
import { buildFederatedSchema } from "../server/buildFederatedSchema.ts";
import type { SubgraphDefinition } from "../server/subgraphDefinition.ts";

/** The SDL a subgraph serves at `_service { sdl }`: what composition reads. */
export async function printSubgraphSdl<TDeps, TLoaders>(
  definition: SubgraphDefinition<TDeps, TLoaders>,
): Promise<string> {
  const schema = await buildFederatedSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    references: definition.references as never,
  });
  return `${printSubgraphSchema(schema).trim()}\n`;
}
