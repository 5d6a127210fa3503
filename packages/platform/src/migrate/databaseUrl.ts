import type { ClientConfig } from "pg";

export { databaseUrlFor } from "../config/serviceConfig.ts";

/** The database name in a Postgres URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error(`Database URL ${redactUrl(url)} names no database`);
  return name;
}

/** The same server and credentials as `url`, on another database. */
export function withDatabase(url: string, database: string): string {
  const next = new URL(url);
  next.pathname = `/${encodeURIComponent(database)}`;
  return next.toString();
}

/**
 * pg settings as separate fields rather than `{ connectionString }`: adapter-pg 7.10.1 builds its
 * shadow connection as `{ ...config, database }`, and a `connectionString` there wins over `database`.
 */
export function pgConfigFrom(url: string): ClientConfig {
  const parsed = new URL(url);
  const config: ClientConfig = {
    host: decodeURIComponent(parsed.hostname) || "127.0.0.1",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username) || "postgres",
    database: databaseNameOf(url),
  };
  if (parsed.password) config.password = decodeURIComponent(parsed.password);
  const host = parsed.searchParams.get("host");
  if (host) config.host = host; // unix socket directory, as libpq allows
  return config;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** A Postgres identifier, double-quoted. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
