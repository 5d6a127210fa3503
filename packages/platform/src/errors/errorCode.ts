/**
 * The error codes clients switch on (`extensions.code`). Adding one is a contract change:
 * add it here and to the README's error table.
 */
export enum ErrorCode {
  /** The input is wrong; `extensions.field` names the field to fix. */
  BAD_USER_INPUT = "BAD_USER_INPUT",
  /** No valid token: missing, expired, tampered or revoked. */
  UNAUTHENTICATED = "UNAUTHENTICATED",
  /** The caller is known but may not do this. */
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  /** The request is valid but clashes with the current state (duplicate, illegal transition, lost race). */
  CONFLICT = "CONFLICT",
  /** Too many requests; `extensions.retryAfterSeconds` says when to try again. */
  RATE_LIMITED = "RATE_LIMITED",
  /** The operation is too big (depth, aliases, cost, ...); `extensions.limit`, `max` and `actual` say which and by how much. */
  LIMIT_EXCEEDED = "LIMIT_EXCEEDED",
  /**
   * Something the request needs is unreachable right now (the database, or Redis for a check that must
   * not be skipped): nothing was done; try again shortly. `extensions.reason` says what, `retryAfterSeconds`
   * when to retry.
   */
  UNAVAILABLE = "UNAVAILABLE",
  /** A subgraph could not be reached (refused, reset, or its circuit is open); `extensions.serviceName` names it. */
  SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE",
  /** A subgraph did not answer within its timeout; `extensions.serviceName` names it. */
  SUBGRAPH_TIMEOUT = "SUBGRAPH_TIMEOUT",
  /** Our fault; the details are in the logs under the request id, never in the response. */
  INTERNAL = "INTERNAL",
}

/** Apollo's protocol codes pass through unchanged: clients already depend on them. */
export const PROTOCOL_CODES: ReadonlySet<string> = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  // Trusted documents, as Apollo Router names them: the text is not in the manifest / only ids are accepted.
  "PERSISTED_QUERY_NOT_IN_LIST",
  "PERSISTED_QUERY_ID_REQUIRED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
]);
