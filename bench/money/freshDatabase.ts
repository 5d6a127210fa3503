import { createPrismaClient, type PrismaClientClass } from "@health/platform/prisma";
import { createTestDatabase, prepareTemplateDatabase } from "@health/platform/testing";
import pg from "pg";
import { POOL_SIZE } from "./settings.ts";

export interface FreshDatabase<T> {
  url: string;
  /** The subgraph's own Prisma client, as its process builds it (pool of POOL_SIZE). */
  db: T;
  /** Raw pg connections to the same database for the baselines (pool of POOL_SIZE). */
  pool: pg.Pool;
  /** Disconnects both and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh, migrated database of `subgraph` (`health_<subgraph>_t_<random>`, copied from its template
 * as the integration tests get theirs), with no server, relay or consumer: the bench calls the
 * domain functions itself.
 */
export async function freshDatabase<T extends { $disconnect(): Promise<void> }>(
  subgraph: string,
  Client: PrismaClientClass<T>,
): Promise<FreshDatabase<T>> {
  await prepareTemplateDatabase(subgraph);
  const database = await createTestDatabase(subgraph);
  const db = createPrismaClient(Client, database.url, { maxConnections: POOL_SIZE });
  const pool = new pg.Pool({ connectionString: database.url, max: POOL_SIZE });
  pool.on("error", () => undefined);
  return {
    url: database.url,
    db,
    pool,
    close: async () => {
      await db.$disconnect();
      await pool.end();
      await database.drop();
    },
  };
}
