import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { withDatabase } from "./databaseUrl.ts";
import { createEngineAdapterFactory } from "./engineAdapterFactory.ts";
import { withMaintenanceClient } from "./maintenanceClient.ts";
import { MIGRATION_SCRIPT, readMigrationFiles } from "./migrationFiles.ts";
import { LOCKFILE_NAME, readMigrationLock } from "./migrationLock.ts";
import { withSchemaEngine } from "./schemaEngine.ts";
import { shadowDatabaseUrl } from "./shadowDatabaseUrl.ts";

export interface DiffSchemaOptions {
  /** A database on the server where the shadow database is created; it need not exist. */
  url: string;
  /** Prisma 7 schema text (its datasource block has no url). */
  schema: string;
  /** Used in the engine's error messages. */
  schemaPath: string;
  migrationsDir: string;
}

const NO_FILTER = { externalTables: [], externalEnums: [] };
const DIFF_NOT_EMPTY = 2;

/**
 * The SQL taking the database produced by the migrations in `migrationsDir` to the state `schema`
 * describes, or null when they already match. The engine replays the migrations into a shadow
 * database `<db>_shadow_<random>`, which is dropped afterwards whatever happens.
 */
export async function diffSchema(options: DiffSchemaOptions): Promise<string | null> {
  const migrationsList = await loadMigrationList(options.migrationsDir);
  // Reach the server with pg first: its errors keep their code (ECONNREFUSED, ...), which callers
  // test with `isConnectionError`, while the engine turns them into plain text (P1001).
  await withMaintenanceClient(options.url, async () => {});
  // For a diff the engine only probes the server version over its main connection, so that goes to
  // the maintenance database: a migration can be created before the real database exists.
  const mainUrl = withDatabase(options.url, "postgres");
  const { factory, close } = createEngineAdapterFactory(mainUrl, shadowDatabaseUrl(options.url));
  try {
    const result = await withSchemaEngine(factory, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [{ path: options.schemaPath, content: options.schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
    );
    return result.exitCode === DIFF_NOT_EMPTY ? (result.stdout ?? "") : null;
  } finally {
    await close();
  }
}

async function loadMigrationList(migrationsDir: string): Promise<MigrationList> {
  const files = await readMigrationFiles(migrationsDir);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE_NAME, content: await readMigrationLock(migrationsDir) },
    shadowDbInitScript: "",
    migrationDirectories: files.map((file) => ({
      path: file.name,
      migrationFile: { path: MIGRATION_SCRIPT, content: { tag: "ok", value: file.script } },
    })),
  };
}
