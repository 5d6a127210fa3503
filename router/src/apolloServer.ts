import type { Server } from "node:http";
import type { ApolloGateway } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "@health/platform/logging";
import type { Redis } from "@health/platform/redis";
import { baseApolloOptions, type ProcessMetrics } from "@health/platform/server";
import { type RefusalCounter, refusalMetricsPlugin } from "./http/refusals.ts";
import { operationLimitsPlugin, tokenLimitError } from "./limits/operationLimitsPlugin.ts";
import { RedisKeyValueCache } from "./persisted/redisKeyValueCache.ts";
import { credentialMutationsPlugin } from "./plugins/credentialMutationsPlugin.ts";
import { productionPlugin } from "./plugins/productionPlugin.ts";
import type { RequestGuards } from "./requestGuards.ts";
import type { RouterContext } from "./routerContext.ts";

export interface RouterApolloServerOptions {
  gateway: ApolloGateway;
  /** Drained on stop. */
  httpServer: Server;
  guards: RequestGuards;
  refusals: RefusalCounter;
  metrics: ProcessMetrics;
  logger: Logger;
  /** Caches automatic persisted queries; without it they are off. */
  redis?: Redis;
  production?: boolean;
  observability?: boolean;
}

/** Apollo Server over the gateway: the platform's base options, then the router's own plugins. */
export function createRouterApolloServer(options: RouterApolloServerOptions): ApolloServer<RouterContext> {
  const { guards, redis } = options;
  const base = baseApolloOptions({
    httpServer: options.httpServer,
    logger: options.logger,
    metrics: options.metrics,
    production: options.production,
    observability: options.observability,
  });
  return new ApolloServer<RouterContext>({
    gateway: options.gateway,
    ...base,
    // Introspection is decided per caller by productionPlugin (developers keep it in production).
    introspection: true,
    formatError: (formatted, error) => tokenLimitError(formatted) ?? base.formatError(formatted, error),
    allowBatchedHttpRequests: (guards.limits?.maxOperationsPerRequest ?? 1) > 1,
    parseOptions: guards.limits ? { maxTokens: guards.limits.maxTokens } : {},
    persistedQueries: redis
      ? { cache: new RedisKeyValueCache(redis, "apq:", guards.redisDown), ttl: 7 * 24 * 3600 }
      : false,
    plugins: [...base.plugins, ...routerPlugins(options)],
  });
}

/** In the order they run: count refusals, check operation limits, credential attempts, production rules. */
function routerPlugins({
  guards,
  refusals,
  production,
}: RouterApolloServerOptions): ApolloServerPlugin<RouterContext>[] {
  const { operationLimiter, limiter, rateLimits } = guards;
  return [
    refusalMetricsPlugin(refusals),
    ...(operationLimiter ? [operationLimitsPlugin(operationLimiter)] : []),
    ...(limiter && rateLimits
      ? [credentialMutationsPlugin(limiter, rateLimits.credentialAttemptsPerIpPerMinute)]
      : []),
    ...(production ? [productionPlugin()] : []),
  ];
}
