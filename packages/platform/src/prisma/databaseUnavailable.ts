/**
 * Whether `error` says the database could not be reached or dropped the session (a restart, a failover,
 * too many connections), as opposed to a bad query or a violated constraint. Such a failure is the
 * database's, not the request's or the event's: the request gets UNAVAILABLE and may be retried, and
 * an event consumer retries without counting the delivery toward its dead letters.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 8; depth++) {
    if (typeof cause !== "object") return false;
    const { code, kind, message } = cause as { code?: unknown; kind?: unknown; message?: unknown };
    if (typeof code === "string" && (UNREACHABLE_PRISMA_CODES.has(code) || isConnectionSqlState(code)))
      return true;
    if (typeof kind === "string" && UNREACHABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    cause = nextCause(cause);
  }
  return false;
}

/** P1001 can't reach, P1002 timed out, P1017 server closed the connection, P2024 pool timeout. */
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);

/** What @prisma/driver-adapter-utils calls the ways a connection fails. */
const UNREACHABLE_ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

/** SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, starting up), 53300 (too many connections). */
const isConnectionSqlState = (code: string): boolean =>
  /^08[0-9A-Z]{3}$/.test(code) || /^57P0[1-3]$/.test(code) || code === "53300";

// What pg and Node say when the socket goes, for errors that carry no code.
const UNREACHABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|EPIPE|Connection terminated|connection error and is not queryable|Can't reach database server|the database system is (shutting down|starting up|in recovery mode)|terminating connection due to administrator command|timeout exceeded when trying to connect/i;

function nextCause(error: object): unknown {
  const { cause, meta } = error as { cause?: unknown; meta?: { driverAdapterError?: unknown } };
  return meta?.driverAdapterError ?? cause;
}
