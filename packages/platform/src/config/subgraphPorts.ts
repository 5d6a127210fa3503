/** Each subgraph's local port (4000 + n, ../shared/design/ARCHITECTURE.md); the router is on 4000. */
export const SUBGRAPH_PORTS = {
  auth: 4001,
  user: 4002,
  dynamic: 4003,
  trade: 4004,
  content: 4005,
  biz: 4006,
  ec: 4007,
  finance: 4008,
  ops: 4009,
  ai: 4010,
} as const;

export type SubgraphName = keyof typeof SUBGRAPH_PORTS;

export const ROUTER_PORT = 4000;

export const isSubgraphName = (name: string): name is SubgraphName => name in SUBGRAPH_PORTS;

/** The URL a locally started subgraph serves GraphQL on. */
export const localSubgraphUrl = (name: SubgraphName): string =>
  `http://127.0.0.1:${SUBGRAPH_PORTS[name]}/graphql`;
