export type { ComposedSchemas, SubgraphSdl } from "./composeSupergraph.ts";
export { CompositionError, composeSupergraph } from "./composeSupergraph.ts";
export { printSubgraphSdl } from "./printSubgraphSdl.ts";
