import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Registry } from "prom-client";
import { reportPoolUse } from "./poolMetrics.ts";

/** The shape every generated Prisma 7 client constructor shares. */
export interface PrismaClientClass<T> {
  new (options: { adapter: PrismaPg }): T;
}

export interface PrismaClientOptions {
  /** Pool size per process (default 10). */
  maxConnections?: number;
  /** How long a request waits to open a connection before it fails as unavailable (default 5,000 ms). */
  connectTimeoutMs?: number;
  /** How long one query may go unanswered (a frozen server) before it fails (default 30,000 ms). */
  queryTimeoutMs?: number;
  /** Where the pool's use is reported (`db_pool_*` gauges); none: not reported. */
  metrics?: Registry;
}

/** Builds a subgraph's generated Prisma client over the pg driver adapter (Prisma 7 has no built-in driver). */
export function createPrismaClient<T>(
  Client: PrismaClientClass<T>,
  url: string,
  options: PrismaClientOptions = {},
): T {
  // Without these, pg waits forever for a connection or an answer from a server that stopped answering.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    query_timeout: options.queryTimeoutMs ?? 30_000,
  });
  // The pool is ours so that its use can be read; `$disconnect` still ends it. An idle connection that
  // dies (Postgres restarting) is dropped by the pool and reported as an 'error' event, which would end
  // the process if nothing listened: the adapter adds its listener when Prisma connects, this one covers
  // the pool for its whole life.
  pool.on("error", () => undefined);
  if (options.metrics) reportPoolUse(options.metrics, pool);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new Client({ adapter });
}
