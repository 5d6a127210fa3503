import type { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import type { Logger } from "@health/platform/logging";
import { httpErrorHandler, requestIdMiddleware } from "@health/platform/server";
import { httpServerSpans } from "@health/platform/tracing";
import express, { type Express, type RequestHandler } from "express";
import { explorerMiddleware } from "../explorer/explorerMiddleware.ts";
import type { ApiKeyVerifier } from "../partners/apiKeyVerifier.ts";
import { trustedDocuments } from "../persisted/trustedDocuments.ts";
import type { RequestGuards } from "../requestGuards.ts";
import type { RouterContext } from "../routerContext.ts";
import { callerOf } from "./caller.ts";
import {
  DATA_EXPORT_ARCHIVE_PATH,
  type DataExportDownloadsOptions,
  dataExportDownloads,
} from "./dataExportDownloads.ts";
import { GRAPHQL_PATH } from "./graphqlPath.ts";
import { identifyCaller } from "./identifyCaller.ts";
import { limitBatchSize } from "./limitBatchSize.ts";
import { rateLimitRequests } from "./rateLimitRequests.ts";
import { countRefusals, type RefusalCounter } from "./refusals.ts";

export interface PublicRoutesOptions {
  apollo: ApolloServer<RouterContext>;
  guards: RequestGuards;
  refusals: RefusalCounter;
  /** Resolves `x-api-key` headers; without it every API key is refused. */
  apiKeys?: ApiKeyVerifier;
  /** Forwards data export downloads to auth; without it (a supergraph with no auth) there are none. */
  dataExports?: DataExportDownloadsOptions;
  logger: Logger;
}

/**
 * The public port: request ids, `/health`, data export downloads (to auth), the explorer on a browser GET,
 * then the GraphQL endpoint.
 */
export function mountPublicRoutes(app: Express, options: PublicRoutesOptions): void {
  app.disable("x-powered-by");
  // Responses to POSTs are never revalidated: hashing each one for an ETag is wasted work.
  app.set("etag", false);
  app.set("trust proxy", "loopback, linklocal, uniquelocal");
  app.use(requestIdMiddleware());
  app.get("/health", (_req, res) => {
    res.json({ status: "ok" });
  });
  if (options.dataExports) app.get(DATA_EXPORT_ARCHIVE_PATH, dataExportDownloads(options.dataExports));
  app.use(explorerMiddleware({ path: GRAPHQL_PATH }));
  // A new trace per operation: a client's traceparent is not continued (tracing/httpServerSpans.ts).
  app.use(
    GRAPHQL_PATH,
    httpServerSpans({ scope: "router", continueCallerTrace: false }),
    ...graphqlChain(options),
  );
  app.use(httpErrorHandler(options.logger));
}

/** Each step may refuse the request before the next runs: who is calling, then batch size, rate, manifest. */
function graphqlChain({ apollo, guards, refusals, apiKeys, logger }: PublicRoutesOptions): RequestHandler[] {
  const { limits, limiter, rateLimits, manifest } = guards;
  return [
    countRefusals(refusals),
    express.json({ limit: "1mb" }),
    identifyCaller(guards.callerVerifier, apiKeys),
    ...(limits ? [limitBatchSize(limits.maxOperationsPerRequest)] : []),
    ...(limiter && rateLimits ? [rateLimitRequests(limiter, rateLimits)] : []),
    ...(manifest ? [trustedDocuments(manifest.documents, manifest.mode, logger)] : []),
    expressMiddleware(apollo, {
      context: async ({ res }) => {
        const { actor, partner, ip } = callerOf(res);
        return { requestId: String(res.getHeader("x-request-id")), actor, partner, clientIp: ip };
      },
    }),
  ];
}
