export { ConfigError, loadConfig } from "./loadConfig.ts";
export { routerPublicKeysSchema, routerSigningKeySchema } from "./routerKeySchemas.ts";
export type { SubgraphConfig } from "./serviceConfig.ts";
export {
  databaseUrlFor,
  LOCAL_NATS,
  LOCAL_POSTGRES,
  LOCAL_REDIS,
  natsCredentialsShape,
  redisCommandTimeoutMs,
  subgraphConfigSchema,
} from "./serviceConfig.ts";
export type { SubgraphName } from "./subgraphPorts.ts";
export { isSubgraphName, localSubgraphUrl, ROUTER_PORT, SUBGRAPH_PORTS } from "./subgraphPorts.ts";
export type { SubgraphServerConfig } from "./subgraphServerConfig.ts";
export { subgraphServerConfigSchema } from "./subgraphServerConfig.ts";
