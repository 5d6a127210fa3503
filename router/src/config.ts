import { ConfigError, redisCommandTimeoutMs, routerSigningKeySchema } from "@health/platform/config";
import { tracingConfigSchema } from "@health/platform/tracing";
import { z } from "zod";
import type { SubgraphFailurePolicy } from "./execution/subgraphBreakers.ts";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./http/rateLimitRequests.ts";
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from "./limits/operationLimits.ts";
import type { TrustedDocumentsMode } from "./persisted/trustedDocuments.ts";
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./subscriptions/socketLimits.ts";

const positiveInt = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export const routerConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  /** `/ready` and `/metrics` listen here, never on PORT. Default PORT + 1000 (5000), or a free port when PORT is 0. */
  INTERNAL_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Loopback by default; a cluster whose kubelet and Prometheus probe the pod address sets 0.0.0.0. */
  INTERNAL_HOST: z.string().default("127.0.0.1"),
  SUPERGRAPH_PATH: z.string().default("schema/supergraph.graphql"),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  /** How long a request may wait on Redis before the router goes on without it (README, "When Redis is down"). */
  REDIS_COMMAND_TIMEOUT_MS: redisCommandTimeoutMs,
  AUTH_JWKS_URL: z.url().default("http://127.0.0.1:4001/.well-known/jwks.json"),
  JWT_ISSUER: z.string().min(1).default("health-auth"),
  JWT_AUDIENCE: z.string().min(1).default("health-platform"),
  /** Signs every request to a subgraph, which answers nothing unsigned (packages/platform/src/auth/README.md). */
  ROUTER_SIGNING_KEY: routerSigningKeySchema,
  /** auth's base URL, for partner API-key introspection. */
  AUTH_URL: z.url().default("http://127.0.0.1:4001"),
  /** `allow` runs any operation and logs unlisted ones; `safelist` runs manifest operations only. Default: safelist in production. */
  TRUSTED_DOCUMENTS: z.enum(["allow", "safelist"]).optional(),
  PERSISTED_DOCUMENTS_PATH: z.string().default("schema/persisted-documents.json"),
  PARTNER_OPERATIONS_DIR: z.string().default("schema/operations/partner"),
  LIMIT_MAX_DEPTH: positiveInt(DEFAULT_OPERATION_LIMITS.maxDepth),
  LIMIT_MAX_INTROSPECTION_DEPTH: positiveInt(DEFAULT_OPERATION_LIMITS.maxIntrospectionDepth),
  LIMIT_MAX_ALIASES: positiveInt(DEFAULT_OPERATION_LIMITS.maxAliases),
  LIMIT_MAX_ROOT_FIELDS: positiveInt(DEFAULT_OPERATION_LIMITS.maxRootFields),
  LIMIT_MAX_TOKENS: positiveInt(DEFAULT_OPERATION_LIMITS.maxTokens),
  LIMIT_MAX_OPERATIONS_PER_REQUEST: positiveInt(DEFAULT_OPERATION_LIMITS.maxOperationsPerRequest),
  LIMIT_MAX_COST: positiveInt(DEFAULT_OPERATION_LIMITS.maxCost),
  LIMIT_DEFAULT_LIST_SIZE: positiveInt(DEFAULT_OPERATION_LIMITS.defaultListSize),
  RATE_LIMIT_PER_IP_PER_MINUTE: positiveInt(DEFAULT_RATE_LIMITS.perIpPerMinute),
  RATE_LIMIT_PER_USER_PER_MINUTE: positiveInt(DEFAULT_RATE_LIMITS.perUserPerMinute),
  RATE_LIMIT_CREDENTIALS_PER_IP_PER_MINUTE: positiveInt(DEFAULT_RATE_LIMITS.credentialAttemptsPerIpPerMinute),
  /** Deadline of every subgraph request; `SUBGRAPH_TIMEOUT_MS_<NAME>` sets one subgraph's (subgraphTimeoutOverrides). */
  SUBGRAPH_TIMEOUT_MS: positiveInt(5_000),
  /** Consecutive refused/reset/timed-out requests that open a subgraph's circuit breaker. */
  SUBGRAPH_BREAKER_FAILURES: positiveInt(5),
  /** How long an open circuit fails requests at once before one probe goes through. */
  SUBGRAPH_BREAKER_COOL_DOWN_MS: positiveInt(5_000),
  WS_MAX_CONNECTIONS_PER_IP: positiveInt(DEFAULT_SOCKET_LIMITS.connectionsPerIp),
  WS_MAX_CONNECTIONS_PER_USER: positiveInt(DEFAULT_SOCKET_LIMITS.connectionsPerUser),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(DEFAULT_SOCKET_LIMITS.subscriptionsPerConnection),
  WS_MAX_SUBSCRIPTIONS_PER_USER: positiveInt(DEFAULT_SOCKET_LIMITS.subscriptionsPerUser),
  /** `OTEL_EXPORTER_OTLP_ENDPOINT` and the rest (README, "Traces"); unset: tracing off. */
  ...tracingConfigSchema.shape,
});

export function operationLimitsOf(config: RouterConfig): OperationLimits {
  return {
    maxDepth: config.LIMIT_MAX_DEPTH,
    maxIntrospectionDepth: config.LIMIT_MAX_INTROSPECTION_DEPTH,
    maxAliases: config.LIMIT_MAX_ALIASES,
    maxRootFields: config.LIMIT_MAX_ROOT_FIELDS,
    maxTokens: config.LIMIT_MAX_TOKENS,
    maxOperationsPerRequest: config.LIMIT_MAX_OPERATIONS_PER_REQUEST,
    maxCost: config.LIMIT_MAX_COST,
    defaultListSize: config.LIMIT_DEFAULT_LIST_SIZE,
  };
}

export function rateLimitsOf(config: RouterConfig): RateLimits {
  return {
    perIpPerMinute: config.RATE_LIMIT_PER_IP_PER_MINUTE,
    perUserPerMinute: config.RATE_LIMIT_PER_USER_PER_MINUTE,
    credentialAttemptsPerIpPerMinute: config.RATE_LIMIT_CREDENTIALS_PER_IP_PER_MINUTE,
  };
}

export function socketLimitsOf(config: RouterConfig): SocketLimits {
  return {
    connectionsPerIp: config.WS_MAX_CONNECTIONS_PER_IP,
    connectionsPerUser: config.WS_MAX_CONNECTIONS_PER_USER,
    subscriptionsPerConnection: config.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    subscriptionsPerUser: config.WS_MAX_SUBSCRIPTIONS_PER_USER,
  };
}

export function subgraphFailuresOf(
  config: RouterConfig,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphFailurePolicy {
  return {
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    timeoutMsBySubgraph: subgraphTimeoutOverrides(env),
    failureThreshold: config.SUBGRAPH_BREAKER_FAILURES,
    coolDownMs: config.SUBGRAPH_BREAKER_COOL_DOWN_MS,
  };
}

export const internalPortOf = (config: RouterConfig): number =>
  config.INTERNAL_PORT ?? (config.PORT === 0 ? 0 : config.PORT + 1000);

export const trustedDocumentsModeOf = (config: RouterConfig): TrustedDocumentsMode =>
  config.TRUSTED_DOCUMENTS ?? (config.NODE_ENV === "production" ? "safelist" : "allow");

export type RouterConfig = z.infer<typeof routerConfigSchema>;

/**
 * Subgraph URL overrides: `SUBGRAPH_URL_<NAME>` (name upper-cased, `-` as `_`) replaces the URL the
 * supergraph file names for that subgraph, e.g. `SUBGRAPH_URL_AUTH=http://auth:4001/graphql`.
 */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith("SUBGRAPH_URL_") && value) overrides[key.slice("SUBGRAPH_URL_".length)] = value;
  }
  return overrides;
}

/**
 * Per-subgraph timeouts: `SUBGRAPH_TIMEOUT_MS_<NAME>` (as `SUBGRAPH_URL_<NAME>`), e.g.
 * `SUBGRAPH_TIMEOUT_MS_CONTENT=10000`. A value that is not a positive integer stops the router.
 */
export function subgraphTimeoutOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, number> {
  const prefix = "SUBGRAPH_TIMEOUT_MS_";
  const overrides: Record<string, number> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix) || value === undefined) continue;
    const parsed = /^[0-9]+$/.test(value.trim()) ? Number(value) : 0;
    if (parsed >= 1) overrides[key.slice(prefix.length)] = parsed;
    else problems.push(`${key}: expected a positive whole number of milliseconds, got "${value}"`);
  }
  if (problems.length) throw new ConfigError(problems);
  return overrides;
}

export const overrideKey = (subgraphName: string): string => subgraphName.toUpperCase().replace(/-/g, "_");
