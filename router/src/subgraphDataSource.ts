import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { RouterContext } from "./plugins/authContext.ts";

/**
 * A subgraph reached over HTTP with the caller's own token, request id and address. Node's fetch keeps
 * a pool of kept-alive connections per subgraph origin, so requests reuse sockets.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  constructor(url: string) {
    super({ url, fetcher: fetch as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = request.http?.headers;
    if (!headers || !("requestId" in context)) return;
    headers.set("x-request-id", context.requestId);
    headers.set("x-forwarded-for", context.clientIp);
    if (context.actor) headers.set("authorization", `Bearer ${context.actor.token}`);
  }
}
