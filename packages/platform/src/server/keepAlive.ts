import type { Server } from "node:http";

/**
 * How long an idle keep-alive connection stays open (Node's default is 5 s). A client that reuses a
 * pooled connection just as the server closes it sends a request into a closed socket (ECONNRESET, the
 * request never arrives), so the client must be the side that closes first: undici, the router's
 * subgraph calls and nginx's upstream pools close theirs after a few seconds, cloud load balancers after
 * 60. A loaded machine, whose timers fire late, hit the race at 5 s (redisOutage.e2e).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Applies KEEP_ALIVE_TIMEOUT_MS; the headers timeout must outlast it, or an idle reuse is cut off. */
export function keepConnectionsAlive<T extends Server>(server: T): T {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  return server;
}
