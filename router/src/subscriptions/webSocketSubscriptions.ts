import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import type { Actor, RouterSigner } from "@health/platform/auth";
import { createFormatError } from "@health/platform/errors";
import type { Logger } from "@health/platform/logging";
import { Presence, type Redis, redisDownWarning } from "@health/platform/redis";
import { attachSubscriptionServer, type SubscriberConnection } from "@health/platform/server";
import type { Express } from "express";
import { type ExecutionArgs, type ExecutionResult, GraphQLError } from "graphql";
import type { Registry } from "prom-client";
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from "../execution/subgraphBreakers.ts";
import type { SubgraphDataSource } from "../execution/subgraphDataSource.ts";
import { clientAddress } from "../http/clientAddress.ts";
import { GRAPHQL_PATH } from "../http/graphqlPath.ts";
import { refusedByLimits, refusedByRateLimit } from "../limits/subscriptionGuards.ts";
import { trustedSubscriptions } from "../persisted/trustedSubscriptions.ts";
import type { RequestGuards } from "../requestGuards.ts";
import type { RouterContext } from "../routerContext.ts";
import type { SubgraphEndpoint } from "../supergraph/supergraphSubgraphs.ts";
import { connectionGate } from "./connectionGate.ts";
import { createFederatedSubscriptions } from "./federatedSubscription.ts";
import { closeRevokedSessions } from "./revokedSessions.ts";
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from "./socketLimits.ts";
import { SubscriberRegistry } from "./subscriberRegistry.ts";
import { createSubscriptionMetrics } from "./subscriptionMetrics.ts";
import { SubscriptionPlanner } from "./subscriptionPlanner.ts";

export interface WebSocketSubscriptionsOptions {
  /** The public server; its upgrades pass the connection gate first. */
  httpServer: Server;
  /** Its `trust proxy` setting finds a socket's client address, as for HTTP requests. */
  app: Express;
  supergraphSdl: string;
  endpoints: readonly SubgraphEndpoint[];
  /** The data sources queries use, for the entity fetches of each event. */
  dataSources: Readonly<Record<string, SubgraphDataSource>>;
  guards: RequestGuards;
  logger: Logger;
  /** Where the WebSocket and subscription metrics are reported (the router's /metrics). */
  registry: Registry;
  signer?: RouterSigner;
  /**
   * Auth's announcements of revoked sessions, whose sockets are then closed; and where subscribers are
   * counted under their subgraph's presence keys (none: not counted).
   */
  redis?: Redis;
  /** How often this router renews its subscribers' presence (default 15 s; gone after three missed). */
  presenceHeartbeatMs?: number;
  socketLimits?: SocketLimits;
  maxQueuedEvents?: number;
  maxBufferedBytes?: number;
  /** Entity fields callers sharing a subscription group may have resolved once (default CALLER_INDEPENDENT_FIELDS). */
  callerIndependentFields?: readonly string[];
}

/**
 * graphql-ws on the GraphQL path: every socket brings a token, every subscribe meets the manifest, the
 * operation limits and the rate limits HTTP operations meet, then the socket caps, and is federated in
 * groups of identical subscriptions (README.md beside this file).
 */
export function attachWebSocketSubscriptions(options: WebSocketSubscriptionsOptions): {
  close(): Promise<void>;
} {
  const { guards, logger } = options;
  const socketLimits = options.socketLimits ?? DEFAULT_SOCKET_LIMITS;
  const registry = new SubscriberRegistry(socketLimits, guards.sessions?.isRevoked);
  const gate = connectionGate(options.httpServer, socketLimits.connectionsPerIp, (req) =>
    clientAddress(req, options.app.get("trust proxy fn")),
  );
  const revocations =
    options.redis && guards.sessions
      ? closeRevokedSessions(options.redis, registry, guards.sessions, logger)
      : null;
  const planner = new SubscriptionPlanner(options.supergraphSdl);
  const formatError = createFormatError(logger);
  const presence = options.redis
    ? new Presence(options.redis, {
        heartbeatMs: options.presenceHeartbeatMs ?? 15_000,
        onRedisDown: redisDownWarning(logger),
      })
    : undefined;
  const federated = createFederatedSubscriptions({
    planner,
    serviceMap: options.dataSources,
    subgraphUrls: new Map(options.endpoints.map((e) => [e.name, e.url])),
    timeoutMsOf: (name) => options.dataSources[name]?.timeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
    signer: options.signer,
    logger,
    formatError,
    callerIndependentFields: options.callerIndependentFields,
    presence,
    limits: {
      maxQueuedEvents: options.maxQueuedEvents ?? 100,
      maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
    },
  });
  const refused = subscribeRefusals(guards, logger);
  const metrics = createSubscriptionMetrics(options.registry, gate.openConnections);
  const server = attachSubscriptionServer<RouterContext>({
    httpServer: gate.upgrades,
    path: GRAPHQL_PATH,
    schema: planner.apiGraphQLSchema,
    // A fresh actor per connection: the registry knows a socket by it (subscriberRegistry.ts).
    verifier: { verify: async (token) => ({ ...(await guards.callerVerifier.verify(token)) }) },
    requireToken: true,
    logger,
    formatError,
    context: socketContext,
    subscribe: async (args) =>
      (await refused(args)) ?? metrics.track(args, await registry.subscribe(args, federated.subscribe)),
    execute: () => ({
      errors: [
        new GraphQLError("Send queries and mutations over HTTP POST; the WebSocket carries subscriptions."),
      ],
    }),
  });
  return {
    close: async () => {
      await revocations?.close();
      await server.close();
      await gate.close();
      await federated.close();
      presence?.stop();
    },
  };
}

/** The first refusal of a subscribe: the manifest, the operation limits, then the per-user rate limit. */
function subscribeRefusals(
  guards: RequestGuards,
  logger: Logger,
): (args: ExecutionArgs) => Promise<ExecutionResult | null> {
  const refusedByManifest = guards.manifest
    ? trustedSubscriptions(guards.manifest.documents, guards.manifest.mode, logger)
    : () => null;
  const perUserPerMinute = guards.rateLimits?.perUserPerMinute ?? 0;
  return async (args) =>
    refusedByManifest(args) ??
    refusedByLimits(guards.operationLimiter, args) ??
    (await refusedByRateLimit(guards.limiter, perUserPerMinute, args));
}

function socketContext(actor: Actor | null, connection: SubscriberConnection): RouterContext {
  return {
    // Held for the subscription's life: randomUUID's string is built of 14 pieces (~450 bytes a
    // subscription), hex from a buffer is one flat string.
    requestId: randomBytes(16).toString("hex"),
    actor,
    partner: null,
    clientIp: "websocket",
    connection,
  };
}
