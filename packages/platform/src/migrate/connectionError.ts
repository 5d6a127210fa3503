import { redactUrl } from "./databaseUrl.ts";

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "ECONNRESET",
  "ENOENT", // unix socket missing
  "57P03", // cannot_connect_now: the server is starting up or shutting down
]);

/** Whether `error` means the Postgres server could not be reached at all. */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  // Node reports a failed multi-address connect as an AggregateError of per-address errors.
  return Array.isArray(errors) && errors.some(isConnectionError);
}

/** What to tell a person when Postgres at `url` is down: which service, where, how to start it. */
export function postgresUnreachableMessage(url: string): string {
  const { hostname, port } = new URL(url);
  return [
    `PostgreSQL is not reachable at ${hostname}:${port || "5432"} (${redactUrl(url)}).`,
    "Start it with:",
    "  pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
  ].join("\n");
}
