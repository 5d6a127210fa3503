import { ApolloGateway } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import type { StartedGateway } from "./startedGateway.ts";

/** The baseline: stock @apollo/gateway inside @apollo/server, nothing configured. */
export async function startApolloGateway(supergraphSdl: string): Promise<StartedGateway> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: "127.0.0.1" } });
  return { url, close: () => server.stop() };
}
