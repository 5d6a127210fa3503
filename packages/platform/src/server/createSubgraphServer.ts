import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { Actor } from "../auth/actor.ts";
import type { RouterSignatureVerifier } from "../auth/routerSignature.ts";
import { withSessionRevocation } from "../auth/sessionRevocationVerifier.ts";
import { bearerToken, type TokenVerifier } from "../auth/tokenVerifier.ts";
import { createFormatError } from "../errors/formatError.ts";
import { redisDownWarning } from "../redis/redisDownWarning.ts";
import { httpServerSpans } from "../tracing/httpServerSpans.ts";
import { baseApolloOptions } from "./apolloOptions.ts";
import { buildFederatedSchema } from "./buildFederatedSchema.ts";
import type { SubgraphContext } from "./context.ts";
import { healthRoutes } from "./healthRoutes.ts";
import { httpErrorHandler } from "./httpErrorHandler.ts";
import { keepConnectionsAlive } from "./keepAlive.ts";
import { createProcessMetrics, type ProcessMetrics } from "./metrics.ts";
import { requestIdMiddleware } from "./requestIdMiddleware.ts";
import { requireRouterSignature } from "./routerSignatureMiddleware.ts";
import type { SubgraphDefinition } from "./subgraphDefinition.ts";
import { attachSubscriptionServer } from "./subscriptionServer.ts";

export interface SubgraphServerOptions<TDeps, TLoaders> {
  definition: SubgraphDefinition<TDeps, TLoaders>;
  deps: TDeps;
  verifier: TokenVerifier;
  /** Whose requests are answered: everything but the health routes and public routes must be router-signed. */
  routerSignature: RouterSignatureVerifier;
  /** Whether a session was signed out (auth records them in Redis); checked on every verified token. */
  isSessionRevoked(sessionId: string): Promise<boolean>;
  /** Proxies whose X-Forwarded-For is believed (express `trust proxy` entries). Default: loopback only. */
  trustedProxies?: readonly string[];
  logger: Logger;
  /** The process's metrics, when other parts (event relay, consumer) register on them too. Default: new. */
  metrics?: ProcessMetrics;
  /** Production turns introspection off (the router composes from `_service { sdl }`). Default false. */
  production?: boolean;
}

export interface SubgraphServer {
  name: string;
  schema: GraphQLSchema;
  app: express.Express;
  /** Listens on `port` (0 picks a free one) and resolves to the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds a subgraph's HTTP server: `/graphql`, `/health`, `/ready`, `/metrics`. */
export async function createSubgraphServer<TDeps, TLoaders>(
  options: SubgraphServerOptions<TDeps, TLoaders>,
): Promise<SubgraphServer> {
  const { definition, deps, logger } = options;
  // The router checks revocation first and fails closed; a second check that cannot reach Redis
  // accepts the token rather than fail every request (../shared/design/ARCHITECTURE.md rule 10; packages/platform/src/auth/README.md).
  const verifier = withSessionRevocation(options.verifier, options.isSessionRevoked, {
    acceptWhenUnchecked: redisDownWarning(logger),
  });
  type Context = SubgraphContext<TDeps, TLoaders>;

  const schema = await buildFederatedSchema<Context>({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    references: definition.references,
    pubSub: definition.pubSub?.(deps),
  });
  const metrics = options.metrics ?? createProcessMetrics(definition.name);
  const app = express();
  const httpServer: Server = keepConnectionsAlive(createServer(app));
  const apollo = new ApolloServer<Context>({
    schema,
    ...baseApolloOptions({ httpServer, logger, metrics, production: options.production }),
  });
  await apollo.start();

  const buildContext = (actor: Actor | null, requestId: string, clientIp: string): Context => ({
    requestId,
    actor,
    clientIp,
    log: logger.child({ requestId }),
    deps,
    loaders: definition.createLoaders(deps, actor),
  });
  const subscriptions = schema.getSubscriptionType()
    ? attachSubscriptionServer({
        httpServer,
        path: "/graphql",
        schema,
        verifier,
        routerSignature: options.routerSignature,
        logger,
        formatError: createFormatError(logger),
        context: (actor) => buildContext(actor, randomUUID(), "websocket"),
      })
    : null;

  app.disable("x-powered-by");
  // The router sets X-Forwarded-For to its caller's address; nobody else is believed (issue 16.7).
  app.set("trust proxy", (options.trustedProxies ?? ["loopback"]).join(", "));
  app.use(requestIdMiddleware());
  app.use(healthRoutes({ checks: definition.readiness(deps), registry: metrics.registry }));
  if (definition.publicRoutes) app.use(definition.publicRoutes(deps));
  app.use(requireRouterSignature(options.routerSignature, logger));
  if (definition.routes) app.use(definition.routes(deps));
  app.use(
    "/graphql",
    // After the signature check: only the router's requests continue the trace they carry.
    httpServerSpans({ scope: definition.name, continueCallerTrace: true }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const token = bearerToken(req.header("authorization"));
        const actor = token ? await verifier.verify(token) : null;
        return buildContext(actor, String(res.getHeader("x-request-id")), req.ip ?? "unknown");
      },
    }),
  );
  app.use(httpErrorHandler(logger));

  return {
    name: definition.name,
    schema,
    app,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          resolve(`http://${host.includes(":") ? `[${host}]` : host}:${address.port}/graphql`);
        });
      }),
    close: async () => {
      await subscriptions?.close();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
