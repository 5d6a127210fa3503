import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import type { TokenVerifier } from "@health/platform/auth";
import type { Logger } from "@health/platform/logging";
import {
  baseApolloOptions,
  createProcessMetrics,
  healthRoutes,
  type ReadinessCheck,
  requestIdMiddleware,
} from "@health/platform/server";
import express from "express";
import { overrideKey } from "./config.ts";
import { explorerMiddleware } from "./explorer/explorerMiddleware.ts";
import { authenticate, type RouterContext } from "./plugins/authContext.ts";
import { SubgraphDataSource } from "./subgraphDataSource.ts";
import { supergraphSubgraphs } from "./supergraph/supergraphSubgraphs.ts";

export interface RouterOptions {
  supergraphSdl: string;
  verifier: TokenVerifier;
  logger: Logger;
  /** `SUBGRAPH_URL_<NAME>` overrides, keyed by upper-cased subgraph name. */
  urlOverrides?: Record<string, string>;
  /** Production hides introspection. Default false. */
  production?: boolean;
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
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(urls.get(name) ?? url ?? ""),
    logger,
  });

  const metrics = createProcessMetrics("router");
  const app = express();
  const httpServer: Server = createServer(app);
  const apollo = new ApolloServer<RouterContext>({
    gateway,
    ...baseApolloOptions({ httpServer, logger, metrics, production: options.production }),
  });
  await apollo.start();

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
        actor: await authenticate(verifier, req, options.isSessionRevoked),
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
