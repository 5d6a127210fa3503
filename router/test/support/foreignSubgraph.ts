import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { GraphQLSchema } from "graphql";

export interface ForeignSubgraph {
  url: string;
  close(): Promise<void>;
}

/**
 * A subgraph written elsewhere, for tests of the router against any supergraph: Apollo Server on a free
 * port, its context the caller's `authorization` header as the router forwarded it. `attachWebSocket`
 * adds a subscription server on the same HTTP server and returns how to close it.
 */
export async function serveForeignSubgraph(
  schema: GraphQLSchema,
  attachWebSocket?: (server: Server) => { close(): Promise<void> },
): Promise<ForeignSubgraph> {
  const apollo = new ApolloServer({ schema });
  await apollo.start();
  const app = express();
  app.use(
    "/graphql",
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({ authorization: req.header("authorization") ?? null }),
    }),
  );
  const server = createServer(app);
  const sockets = attachWebSocket?.(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await sockets?.close();
      await apollo.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
