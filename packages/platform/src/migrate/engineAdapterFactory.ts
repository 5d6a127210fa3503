import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { CharAsTextClient } from "./charAsTextClient.ts";
import { databaseNameOf, pgConfigFrom, quoteIdent } from "./databaseUrl.ts";
import { dropDatabase } from "./dropDatabase.ts";
import { withMaintenanceClient } from "./maintenanceClient.ts";

/** The adapter factory handed to the wasm schema engine, plus the cleanup it needs afterwards. */
export interface EngineAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Ends every pool the engine opened, then drops the shadow database if one was created. */
  close(): Promise<void>;
}

/**
 * Connections for the schema engine: `url` for the main database, `shadowUrl` for the shadow
 * database the engine replays migrations into. We own the shadow database's lifecycle instead of
 * adapter-pg 7.10.1, whose `connectToShadowDb` follows a `connectionString` to the real database,
 * names the database itself, and drops it before closing its pool (the drop then fails with
 * "being accessed by other users").
 */
export function createEngineAdapterFactory(url: string, shadowUrl: string): EngineAdapterFactory {
  const pools: pg.Pool[] = [];
  let shadowCreated = false;

  const connectTo = async (target: string): Promise<SqlDriverAdapter> => {
    const pool = new pg.Pool({ ...pgConfigFrom(target), Client: CharAsTextClient, max: 2 });
    // `pool.end()` resolves once its clients are asked to end, not once their sockets closed, and the
    // engine's dispose removes adapter-pg's listener. The shadow database's FORCE drop can then reach a
    // closing session, whose FATAL would surface as an unhandled 'error' event. A client that fails
    // while idle is dropped by the pool either way; a failing query still rejects for the engine.
    pool.on("error", () => {});
    pools.push(pool);
    return withWholeScripts(await new PrismaPg(pool).connect());
  };

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connectTo(url),
    connectToShadowDb: async () => {
      await withMaintenanceClient(url, (client) =>
        client.query(`CREATE DATABASE ${quoteIdent(databaseNameOf(shadowUrl))}`),
      );
      shadowCreated = true;
      return connectTo(shadowUrl);
    },
  };

  const close = async (): Promise<void> => {
    await Promise.all(pools.splice(0).map((pool) => (pool.ended ? undefined : pool.end())));
    if (shadowCreated) await dropDatabase(shadowUrl);
  };

  return { factory, close };
}

/**
 * adapter-pg's `executeScript` splits the script on every `;`, which breaks `$$` function bodies
 * and string literals. A parameterless query goes out as one simple-protocol message that Postgres
 * runs statement by statement, as the native engine does; errors still map to driver errors.
 */
function withWholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}
