import { ErrorCode } from "@health/platform/errors";
import { GraphQLError } from "graphql";

/**
 * Why a subgraph gave no answer: refused or reset (`connection`), too slow (`timeout`), its circuit is
 * open, the upstream WebSocket of a subscription went away (`connection-lost`), or a load balancer in
 * front of its instances answered for it (`proxy`: 502, 503 or 504 without a GraphQL body).
 */
export type SubgraphFailureReason = "connection" | "timeout" | "circuit-open" | "connection-lost" | "proxy";

// Failures that happen before the subgraph could have acted on the request (refused), or on a kept-alive
// socket the subgraph had already closed (reset, "other side closed"): a query may be sent again.
const RETRYABLE_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET"]);

// What a load balancer answers when no instance could: refused everywhere, died mid-request, timed out.
const PROXY_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * An answer a load balancer gave in place of the subgraph (its error page, not a GraphQL body): with
 * several instances behind one URL, an instance dying under a request arrives as this, not as a reset.
 */
export function isProxyFailure(status: number, contentType: string | undefined): boolean {
  return PROXY_STATUSES.has(status) && !contentType?.includes("json");
}

export function isRetryableConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && RETRYABLE_CODES.has(code);
}

/**
 * The error the gateway puts in the answer in place of the subgraph's fields: a stable code, the subgraph's
 * name, and the path in the answer below which its fields are missing (absent for a root fetch).
 */
export function subgraphFailure(
  serviceName: string,
  reason: SubgraphFailureReason,
  details: { timeoutMs?: number; status?: number; path?: ReadonlyArray<string | number> } = {},
): GraphQLError {
  const timedOut = reason === "timeout";
  const message = timedOut
    ? `Subgraph "${serviceName}" did not answer within ${details.timeoutMs} ms; its fields are missing.`
    : reason === "connection-lost"
      ? `Subgraph "${serviceName}" went away; this subscription is complete. Subscribe again.`
      : `Subgraph "${serviceName}" is unavailable; its fields are missing.`;
  return new GraphQLError(message, {
    path: details.path?.length ? details.path : undefined,
    extensions: {
      code: timedOut ? ErrorCode.SUBGRAPH_TIMEOUT : ErrorCode.SUBGRAPH_UNAVAILABLE,
      serviceName,
      ...(timedOut ? { timeoutMs: details.timeoutMs } : { reason }),
      ...(details.status ? { status: details.status } : {}),
    },
  });
}
