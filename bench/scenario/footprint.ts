// What the run left behind, for deploy/CAPACITY.md's sizes: each table's rows and bytes in the run's
// databases (the ones the subgraphs' process is connected to), the run's JetStream streams, its Redis keys.
import { LOCAL_NATS, LOCAL_POSTGRES, LOCAL_REDIS } from "@health/platform/config";
import { connectNats } from "@health/platform/nats";
import { createRedis } from "@health/platform/redis";
import pg from "pg";

export interface TableSize {
  database: string;
  table: string;
  rows: number;
  bytes: number;
}

/** Rows (pg_stat_user_tables' live tuples, after ANALYZE) and total bytes (with indexes and TOAST). */
export async function tableSizes(databases: readonly string[]): Promise<TableSize[]> {
  const sizes: TableSize[] = [];
  for (const database of databases) {
    const client = new pg.Client({
      connectionString: `${process.env.POSTGRES_URL ?? LOCAL_POSTGRES}/${database}`,
      statement_timeout: 60_000,
      connectionTimeoutMillis: 10_000,
    });
    await client.connect();
    try {
      await client.query("ANALYZE");
      const { rows } = await client.query<{ relname: string; rows: string; bytes: string }>(
        "SELECT relname, n_live_tup AS rows, pg_total_relation_size(relid) AS bytes FROM pg_stat_user_tables",
      );
      for (const row of rows)
        sizes.push({ database, table: row.relname, rows: Number(row.rows), bytes: Number(row.bytes) });
    } finally {
      await client.end();
    }
  }
  return sizes.sort((a, b) => b.bytes - a.bytes);
}

export async function streamSizes(
  prefix: string,
): Promise<Array<{ stream: string; messages: number; bytes: number }>> {
  const nats = await connectNats(process.env.NATS_URL ?? LOCAL_NATS, "bench-scenario-footprint");
  try {
    const jsm = await nats.jetstreamManager();
    const streams: Array<{ stream: string; messages: number; bytes: number }> = [];
    for await (const info of jsm.streams.list()) {
      if (!info.config.name.startsWith(`${prefix}_`)) continue;
      streams.push({ stream: info.config.name, messages: info.state.messages, bytes: info.state.bytes });
    }
    return streams.sort((a, b) => b.bytes - a.bytes);
  } finally {
    await nats.close();
  }
}

/** The run's Redis keys (its prefix) and the memory Redis reports for them. */
export async function redisFootprint(prefix: string): Promise<{ keys: number; bytes: number }> {
  const redis = createRedis(process.env.REDIS_URL ?? LOCAL_REDIS);
  try {
    let cursor = "0";
    let keys = 0;
    let bytes = 0;
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1000);
      cursor = next;
      for (const key of batch) {
        keys++;
        bytes += Number((await redis.memory("USAGE", key)) ?? 0);
      }
    } while (cursor !== "0");
    return { keys, bytes };
  } finally {
    redis.disconnect();
  }
}

export interface Footprint {
  tables: TableSize[];
  streams: Array<{ stream: string; messages: number; bytes: number }>;
  redis: { keys: number; bytes: number };
}

/** The run's databases, streams and Redis keys as they are now. */
export async function footprint(databases: readonly string[], eventPrefix: string, redisPrefix: string) {
  return {
    tables: await tableSizes(databases),
    streams: await streamSizes(eventPrefix),
    redis: await redisFootprint(redisPrefix),
  } satisfies Footprint;
}
