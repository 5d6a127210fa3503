import { createServer } from "node:http";
import type { RouterSigner, TokenVerifier } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import type { Redis } from "@health/platform/redis";
import {
  createProcessMetrics,
  keepConnectionsAlive,
  operationLabelFromManifest,
} from "@health/platform/server";
import express from "express";
import { createRouterApolloServer } from "./apolloServer.ts";
import { createFederationGateway } from "./execution/federationGateway.ts";
import type { SubgraphFailurePolicy } from "./execution/subgraphBreakers.ts";
import { createSubgraphDataSources } from "./execution/subgraphDataSources.ts";
import { GRAPHQL_PATH } from "./http/graphqlPath.ts";
import { createInternalServer } from "./http/internalServer.ts";
import { listenOn } from "./http/listenOn.ts";
import { mountPublicRoutes } from "./http/publicRoutes.ts";
import type { RateLimits } from "./http/rateLimitRequests.ts";
import { createRefusalCounter } from "./http/refusals.ts";
import type { OperationLimits } from "./limits/operationLimits.ts";
import type { ApiKeyVerifier } from "./partners/apiKeyVerifier.ts";
import type { PersistedDocumentsSource } from "./persisted/persistedDocuments.ts";
import type { TrustedDocumentsMode } from "./persisted/trustedDocuments.ts";
import { createRequestGuards } from "./requestGuards.ts";
import type { SocketLimits } from "./subscriptions/socketLimits.ts";
import { attachWebSocketSubscriptions } from "./subscriptions/webSocketSubscriptions.ts";

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
  /**
   * Entity fields (`Type.field`) every caller sees the same: subscriptions of different callers that
   * fetch only these from other subgraphs may share a group (subscriptions/README.md). Default
   * `["User.displayName"]`.
   */
  callerIndependentFields?: readonly string[];
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

/** The single endpoint: explorer on a browser GET, everything else through @apollo/gateway. */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { supergraphSdl, logger, signer } = options;
  // A partner key without the manifest would run any document: refuse the combination outright.
  if (options.apiKeys && !options.persistedDocuments)
    throw new Error(
      "createRouter: apiKeys needs persistedDocuments (partners run persisted operations only).",
    );
  const metrics = createProcessMetrics(
    "router",
    operationLabelFromManifest(options.persistedDocuments?.source.manifestPath),
  );
  const { endpoints, breakers, dataSources } = createSubgraphDataSources({
    supergraphSdl,
    urlOverrides: options.urlOverrides,
    signer,
    dedupe: options.dedupeSubgraphRequests,
    failures: options.subgraphFailures ?? {},
    logger,
    registry: metrics.registry,
  });
  const gateway = createFederationGateway(supergraphSdl, dataSources, signer, logger);
  const guards = createRequestGuards(options);
  const stopWatchingManifest = guards.manifest?.documents.watch(options.persistedDocuments?.watchIntervalMs);
  const refusals = createRefusalCounter(metrics.registry);
  const app = express();
  const httpServer = keepConnectionsAlive(createServer(app));

  const apollo = createRouterApolloServer({ ...options, gateway, httpServer, guards, refusals, metrics });
  await apollo.start();
  const subscriptions = attachWebSocketSubscriptions({
    ...options,
    httpServer,
    app,
    endpoints,
    dataSources,
    guards,
    registry: metrics.registry,
  });
  const auth = endpoints.find((endpoint) => endpoint.name === "auth");
  mountPublicRoutes(app, {
    apollo,
    guards,
    refusals,
    apiKeys: options.apiKeys,
    dataExports: auth && { authUrl: auth.url, signer, logger },
    logger,
  });
  const internalServer = createInternalServer(endpoints, breakers, metrics.registry);

  return {
    listen: async (port, host = "127.0.0.1") => `${await listenOn(httpServer, port, host)}${GRAPHQL_PATH}`,
    listenInternal: (port, host = "127.0.0.1") => listenOn(internalServer, port, host),
    close: async () => {
      stopWatchingManifest?.();
      await subscriptions.close();
      await apollo.stop();
      await Promise.all(Object.values(dataSources).map((dataSource) => dataSource.close()));
      for (const server of [httpServer, internalServer])
        if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
