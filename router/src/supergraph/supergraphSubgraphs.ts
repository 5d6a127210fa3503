import { Supergraph } from "@apollo/federation-internals";

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** The subgraphs a supergraph file declares (its `join__Graph` enum), with their URLs. Throws on an invalid file. */
export function supergraphSubgraphs(supergraphSdl: string): SubgraphEndpoint[] {
  const supergraph = Supergraph.build(supergraphSdl);
  return supergraph
    .subgraphs()
    .values()
    .map((subgraph) => ({ name: subgraph.name, url: subgraph.url }));
}
