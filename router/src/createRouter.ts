import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import {
  type RouterSigner,
  SessionRevocationCheck,
  type TokenVerifier,
  withSessionRevocation,
} from "@health/platform/auth";
import { createFormatError } from "@health/platform/errors";
import type { Logger } from "@health/platform/logging";
import { RateLimiter, type Redis, redisDownWarning } from "@health/platform/redis";
import {
  attachSubscriptionServer,
  baseApolloOptions,
  createProcessMetrics,
  httpErrorHandler,
  requestIdMiddleware,
} from "@health/platform/server";
import express from "express";
import { GraphQLError } from "graphql";
import { overrideKey } from "./config.ts";
import {
  createSubgraphBreakers,
  DEFAULT_SUBGRAPH_TIMEOUT_MS,
  type SubgraphFailurePolicy,
} from "./execution/subgraphBreakers.ts";
import { SubgraphDataSource } from "./execution/subgraphDataSource.ts";
import { explorerMiddleware } from "./explorer/explorerMiddleware.ts";
import { callerOf } from "./http/caller.ts";
import { clientAddress } from "./http/clientAddress.ts";
import { identifyCaller } from "./http/identifyCaller.ts";
import { createInternalServer } from "./http/internalServer.ts";
import { limitBatchSize } from "./http/limitBatchSize.ts";
import { listenOn } from "./http/listenOn.ts";
import { DEFAULT_RATE_LIMITS, type RateLimits, rateLimitRequests } from "./http/rateLimitRequests.ts";
import { countRefusals, createRefusalCounter, refusalMetricsPlugin } from "./http/refusals.ts";
import { readCostDirectives } from "./limits/costDirectives.ts";
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from "./limits/operationLimits.ts";
import {
  createOperationLimiter,
  operationLimitsPlugin,
  tokenLimitError,
} from "./limits/operationLimitsPlugin.ts";
import { refusedByLimits, refusedByRateLimit } from "./limits/subscriptionGuards.ts";
import type { ApiKeyVerifier } from "./partners/apiKeyVerifier.ts";
import { PersistedDocuments, type PersistedDocumentsSource } from "./persisted/persistedDocuments.ts";
import { RedisKeyValueCache } from "./persisted/redisKeyValueCache.ts";
import { type TrustedDocumentsMode, trustedDocuments } from "./persisted/trustedDocuments.ts";
import { trustedSubscriptions } from "./persisted/trustedSubscriptions.ts";
import { credentialMutationsPlugin } from "./plugins/credentialMutationsPlugin.ts";
import { productionPlugin } from "./plugins/productionPlugin.ts";
import type { RouterContext } from "./routerContext.ts";
import { connectionGate } from "./subscriptions/connectionGate.ts";
import { createFederatedSubscriptions } from "./subscriptions/federatedSubscription.ts";
import { closeRevokedSessions } from "./subscriptions/revokedSessions.ts";
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./subscriptions/socketLimits.ts";
import { SubscriberRegistry } from "./subscriptions/subscriberRegistry.ts";
import { SubscriptionPlanner } from "./subscriptions/subscriptionPlanner.ts";
import { supergraphSubgraphs } from "./supergraph/supergraphSubgraphs.ts";

export interface RouterOptions {
  supergraphSdl: string;
  verifier: TokenVerifier;
  logger: Logger;
  /**
   * Signs every request to a subgraph (HTTP and WebSocket); platform subgraphs refuse unsigned ones
   * (packages/platform/src/auth/README.md). Default: unsigned, for subgraphs outside the platform.
   */
  signer?: RouterSigner;
  /** `SUBGRAPH_URL_<NAME>` overrides, keyed by upper-cased subgraph name. */
  urlOverrides?: Record<string, string>;
  /** Production hides introspection. Default false. */
  production?: boolean;
  /** Bytes a WebSocket subscriber may leave unread before it is disconnected with 4008 (default 1 MiB). */
  maxBufferedBytes?: number;
  /** Events a WebSocket subscriber may have waiting before it is disconnected with 4008 (default 100). */
  maxQueuedEvents?: number;
  /** Whether a session was signed out (auth records them in Redis). Default: never. */
  isSessionRevoked?: (sessionId: string) => Promise<boolean>;
  /**
   * Redis for automatic persisted queries, rate limits and auth's announcements of revoked sessions
   * (whose sockets are then closed); without it all three are off.
   */
  redis?: Redis;
  /** Caps on WebSocket connections and subscriptions per address and per user. Default `DEFAULT_SOCKET_LIMITS`. */
  socketLimits?: SocketLimits;
  /** Checked on every operation before planning. Default `DEFAULT_OPERATION_LIMITS`; false turns them off. */
  limits?: OperationLimits | false;
  /** Per address, user and key (needs `redis`). Default `DEFAULT_RATE_LIMITS`; false turns them off. */
  rateLimits?: RateLimits | false;
  /** The trusted-documents manifest and its mode. Without it, `documentId` is not understood and partner keys are refused. */
  persistedDocuments?: {
    source: PersistedDocumentsSource;
    mode: TrustedDocumentsMode;
    watchIntervalMs?: number;
  };
  /** Resolves `x-api-key` headers; without it every API key is refused. */
  apiKeys?: ApiKeyVerifier;
  /** Identical queries in flight to one subgraph with the same caller token share one request. Default true. */
  dedupeSubgraphRequests?: boolean;
  /** Timeouts and circuit breakers of subgraph requests (router/README.md, "When a subgraph fails"). */
  subgraphFailures?: SubgraphFailurePolicy;
  /** A log line and metrics per operation (default true; bench/gateway turns them off to compare). */
  observability?: boolean;
}

export interface Router {
  /** Listens on `port` (0 picks a free one); resolves to the GraphQL endpoint URL. Serves `/health` too. */
  listen(port: number, host?: string): Promise<string>;
  /**
   * `/ready` (which names every subgraph's URL) and `/metrics`, with `/health`, on a listener of their
   * own for probes and Prometheus, never on the public port. Default host 127.0.0.1. Resolves to its origin.
   */
  listenInternal(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const GRAPHQL_PATH = "/graphql";

/** The single endpoint: explorer on a browser GET, everything else through @apollo/gateway. */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { supergraphSdl, verifier, logger } = options;
  // A partner key without the manifest would run any document: refuse the combination outright.
  if (options.apiKeys && !options.persistedDocuments)
    throw new Error(
      "createRouter: apiKeys needs persistedDocuments (partners run persisted operations only).",
    );
  const endpoints = supergraphSubgraphs(supergraphSdl).map(({ name, url }) => ({
    name,
    url: options.urlOverrides?.[overrideKey(name)] ?? url,
  }));
  const urls = new Map(endpoints.map((e) => [e.name, e.url]));
  const metrics = createProcessMetrics("router");
  const failures = options.subgraphFailures ?? {};
  const breakers = createSubgraphBreakers(
    endpoints.map(({ name }) => name),
    failures,
    logger,
    metrics.registry,
  );
  // One data source per subgraph, shared by queries and by the entity fetches of subscription events.
  const dataSources = Object.fromEntries(
    endpoints.map(({ name, url }) => [
      name,
      new SubgraphDataSource(url, {
        name,
        dedupe: options.dedupeSubgraphRequests,
        signer: options.signer,
        timeoutMs: failures.timeoutMsBySubgraph?.[overrideKey(name)] ?? failures.timeoutMs,
        breaker: breakers.get(name),
      }),
    ]),
  );
  // Unless this is set, @apollo/gateway probes the cloud metadata endpoints at start and sends host
  // details to Apollo's usage-reporting endpoint every hour (its utilities/opentelemetry.js). This
  // router sends nothing outside the platform, and the meter it would run costs memory.
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      dataSources[name] ?? new SubgraphDataSource(url ?? "", { signer: options.signer }),
    logger,
  });
  const redisDown = redisDownWarning(logger);
  const sessions = options.isSessionRevoked
    ? new SessionRevocationCheck(options.isSessionRevoked, { onRedisDown: redisDown })
    : null;
  const callerVerifier = withSessionRevocation(verifier, sessions?.isRevoked);

  const refusals = createRefusalCounter(metrics.registry);
  const app = express();
  const httpServer: Server = createServer(app);
  const limits = options.limits === false ? null : (options.limits ?? DEFAULT_OPERATION_LIMITS);
  const rateLimits = options.rateLimits === false ? null : (options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const limiter =
    options.redis && rateLimits ? new RateLimiter(options.redis, { onRedisDown: redisDown }) : null;
  const persisted = options.persistedDocuments
    ? new PersistedDocuments(options.persistedDocuments.source, logger)
    : null;
  const stopWatchingManifest = persisted?.watch(options.persistedDocuments?.watchIntervalMs);

  const operationLimiter = limits ? createOperationLimiter(limits, readCostDirectives(supergraphSdl)) : null;
  const base = baseApolloOptions({
    httpServer,
    logger,
    metrics,
    production: options.production,
    observability: options.observability,
  });
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    ...base,
    // Introspection is decided per caller by productionPlugin (developers keep it in production).
    introspection: true,
    formatError: (formatted, error) => tokenLimitError(formatted) ?? base.formatError(formatted, error),
    allowBatchedHttpRequests: (limits?.maxOperationsPerRequest ?? 1) > 1,
    parseOptions: limits ? { maxTokens: limits.maxTokens } : {},
    persistedQueries: options.redis
      ? { cache: new RedisKeyValueCache(options.redis, "apq:", redisDown), ttl: 7 * 24 * 3600 }
      : false,
    plugins: [
      ...base.plugins,
      refusalMetricsPlugin(refusals),
      ...(operationLimiter ? [operationLimitsPlugin(operationLimiter)] : []),
      ...(limiter && rateLimits
        ? [credentialMutationsPlugin(limiter, rateLimits.credentialAttemptsPerIpPerMinute)]
        : []),
      ...(options.production ? [productionPlugin()] : []),
    ],
  });
  await apollo.start();

  const refusedByManifest =
    persisted && options.persistedDocuments
      ? trustedSubscriptions(persisted, options.persistedDocuments.mode, logger)
      : () => null;
  const socketLimits = options.socketLimits ?? DEFAULT_SOCKET_LIMITS;
  const registry = new SubscriberRegistry(socketLimits, sessions?.isRevoked);
  const gate = connectionGate(httpServer, socketLimits.connectionsPerIp, (req) =>
    clientAddress(req, app.get("trust proxy fn")),
  );
  const revocations =
    options.redis && sessions ? closeRevokedSessions(options.redis, registry, sessions, logger) : null;
  const planner = new SubscriptionPlanner(supergraphSdl);
  const formatSocketError = createFormatError(logger);
  const federated = createFederatedSubscriptions({
    planner,
    serviceMap: dataSources,
    subgraphUrls: urls,
    timeoutMsOf: (name) => dataSources[name]?.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
    signer: options.signer,
    logger,
    formatError: formatSocketError,
    limits: {
      maxQueuedEvents: options.maxQueuedEvents ?? 100,
      maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    },
  });
  const subscriptions = attachSubscriptionServer<RouterContext>({
    httpServer: gate.upgrades,
    path: GRAPHQL_PATH,
    schema: planner.apiGraphQLSchema,
    // A fresh actor per connection: the registry knows a socket by it (subscriberRegistry.ts).
    verifier: { verify: async (token) => ({ ...(await callerVerifier.verify(token)) }) },
    requireToken: true,
    logger,
    formatError: formatSocketError,
    context: (actor, connection) => ({
      // Held for the subscription's life: randomUUID's string is built of 14 pieces (~450 bytes a
      // subscription), hex from a buffer is one flat string.
      requestId: randomBytes(16).toString("hex"),
      actor,
      partner: null,
      clientIp: "websocket",
      connection,
    }),
    subscribe: async (args) =>
      refusedByManifest(args) ??
      refusedByLimits(operationLimiter, args) ??
      (await refusedByRateLimit(limiter, rateLimits?.perUserPerMinute ?? 0, args)) ??
      registry.subscribe(args, federated.subscribe),
    execute: () => ({
      errors: [
        new GraphQLError("Send queries and mutations over HTTP POST; the WebSocket carries subscriptions."),
      ],
    }),
  });

  app.disable("x-powered-by");
  // Responses to POSTs are never revalidated: hashing each one for an ETag is wasted work.
  app.set("etag", false);
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(requestIdMiddleware());
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.use(explorerMiddleware({ path: GRAPHQL_PATH }));
  app.use(
    GRAPHQL_PATH,
    countRefusals(refusals),
    express.json({ limit: "1mb" }),
    identifyCaller(callerVerifier, options.apiKeys),
    ...(limits ? [limitBatchSize(limits.maxOperationsPerRequest)] : []),
    ...(limiter && rateLimits ? [rateLimitRequests(limiter, rateLimits)] : []),
    ...(persisted && options.persistedDocuments
      ? [trustedDocuments(persisted, options.persistedDocuments.mode, logger)]
      : []),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { actor, partner, ip } = callerOf(res);
        return { requestId: String(res.getHeader("x-request-id")), actor, partner, clientIp: ip };
      },
    }),
  );
  app.use(httpErrorHandler(logger));

  const internalServer = createInternalServer(endpoints, breakers, metrics.registry);

  return {
    listen: async (port, host = "127.0.0.1") => `${await listenOn(httpServer, port, host)}${GRAPHQL_PATH}`,
    listenInternal: (port, host = "127.0.0.1") => listenOn(internalServer, port, host),
    close: async () => {
      stopWatchingManifest?.();
      await revocations?.close();
      await subscriptions.close();
      await gate.close();
      await federated.close();
      await apollo.stop();
      await Promise.all(Object.values(dataSources).map((dataSource) => dataSource.close()));
      for (const server of [httpServer, internalServer])
        if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
