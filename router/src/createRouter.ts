import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import type { TokenVerifier } from "@health/platform/auth";
import { createFormatError } from "@health/platform/errors";
import type { Logger } from "@health/platform/logging";
import {
  attachSubscriptionServer,
  baseApolloOptions,
  createProcessMetrics,
  healthRoutes,
  type ReadinessCheck,
  requestIdMiddleware,
} from "@health/platform/server";
import express from "express";
import { type ExecutionResult, GraphQLError } from "graphql";
import { overrideKey } from "./config.ts";
import { explorerMiddleware } from "./explorer/explorerMiddleware.ts";
import { authenticate, type RouterContext, withSessionRevocation } from "./plugins/authContext.ts";
import { SubgraphDataSource } from "./subgraphDataSource.ts";
import { federatedSubscription } from "./subscriptions/federatedSubscription.ts";
import { SharedUpstreams } from "./subscriptions/sharedUpstreams.ts";
import { SubscriptionPlanner } from "./subscriptions/subscriptionPlanner.ts";
import { UpstreamClients } from "./subscriptions/upstreamClients.ts";
import { supergraphSubgraphs } from "./supergraph/supergraphSubgraphs.ts";

export interface RouterOptions {
  supergraphSdl: string;
  verifier: TokenVerifier;
  logger: Logger;
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
}

export interface Router {
  /** Listens on `port` (0 picks a free one); resolves to the GraphQL endpoint URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const GRAPHQL_PATH = "/graphql";

/** The single endpoint: explorer on a browser GET, everything else through @apollo/gateway. */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { supergraphSdl, verifier, logger } = options;
  const endpoints = supergraphSubgraphs(supergraphSdl).map(({ name, url }) => ({
    name,
    url: options.urlOverrides?.[overrideKey(name)] ?? url,
  }));
  const urls = new Map(endpoints.map((e) => [e.name, e.url]));
  // One data source per subgraph, shared by queries and by the entity fetches of subscription events.
  const dataSources = Object.fromEntries(
    endpoints.map(({ name, url }) => [name, new SubgraphDataSource(url)]),
  );
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => dataSources[name] ?? new SubgraphDataSource(url ?? ""),
    logger,
  });
  const callerVerifier = withSessionRevocation(verifier, options.isSessionRevoked);

  const metrics = createProcessMetrics("router");
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    ...baseApolloOptions({ httpServer, logger, metrics, production: options.production }),
  });
  await apollo.start();

  const planner = new SubscriptionPlanner(supergraphSdl);
  const upstream = new UpstreamClients();
  const shared = new SharedUpstreams<ExecutionResult>({ maxQueuedEvents: options.maxQueuedEvents });
  const subscriptions = attachSubscriptionServer<RouterContext>({
    httpServer,
    path: GRAPHQL_PATH,
    schema: planner.apiGraphQLSchema,
    verifier: callerVerifier,
    logger,
    formatError: createFormatError(logger),
    context: (actor, connection) => ({
      requestId: randomUUID(),
      actor,
      clientIp: "websocket",
      connection,
    }),
    subscribe: (args) =>
      federatedSubscription(
        {
          planner,
          upstream,
          shared,
          serviceMap: dataSources,
          subgraphUrls: urls,
          logger,
          maxBufferedBytes: options.maxBufferedBytes ?? 1024 * 1024,
        },
        args,
      ),
    execute: () => ({
      errors: [
        new GraphQLError("Send queries and mutations over HTTP POST; the WebSocket carries subscriptions."),
      ],
    }),
  });

  app.disable("x-powered-by");
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(requestIdMiddleware());
  app.use(healthRoutes({ checks: subgraphChecks(endpoints), registry: metrics.registry }));
  app.use(explorerMiddleware({ path: GRAPHQL_PATH }));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        requestId: String(res.getHeader("x-request-id")),
        actor: await authenticate(callerVerifier, req),
        clientIp: req.ip ?? "unknown",
      }),
    }),
  );

  return {
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host}:${bound}${GRAPHQL_PATH}`);
        });
      }),
    close: async () => {
      await subscriptions.close();
      await upstream.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** `/ready` on the router: every subgraph answers its own `/health`. */
function subgraphChecks(endpoints: Array<{ name: string; url: string }>): ReadinessCheck[] {
  return endpoints.map(({ name, url }) => ({
    name,
    check: async () => {
      const response = await fetch(new URL("/health", url));
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    },
  }));
}
