import pg from "pg";
import { databaseNameOf, pgConfigFrom } from "./databaseUrl.ts";
import { readMigrationFiles } from "./migrationFiles.ts";
import { pendingMigrations } from "./migrationHistory.ts";
import { applyMigration, ensureMigrationsTable, readAppliedMigrations } from "./migrationsTable.ts";

export interface DeployMigrationsOptions {
  /** Database to migrate; it must exist (see `ensureDatabase`). */
  url: string;
  /** Folder holding `<timestamp>_<name>/migration.sql`. */
  migrationsDir: string;
}

// The key the schema engine locks on Postgres, so our deploy and the real CLI exclude each other.
const PRISMA_ADVISORY_LOCK = 72707369;

/**
 * Applies pending migrations in order and records them in `_prisma_migrations` as the Prisma CLI
 * does. Refuses a history with a failed migration or an applied migration whose file changed.
 *
 * Plain SQL over `pg` rather than the wasm engine's `applyMigrations`: the engine runs scripts
 * through adapter-pg's `executeScript`, which splits on every `;` (breaking `$$` function bodies
 * and string literals), and applies each migration outside a transaction. Here each migration and
 * its history row commit together, and the refusal messages say what to do.
 */
export async function deployMigrations(options: DeployMigrationsOptions): Promise<{ applied: string[] }> {
  const files = await readMigrationFiles(options.migrationsDir);
  const database = databaseNameOf(options.url);
  const client = new pg.Client(pgConfigFrom(options.url));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await ensureMigrationsTable(client, database);
    const pending = pendingMigrations(files, await readAppliedMigrations(client), database);
    for (const migration of pending) await applyMigration(client, migration);
    return { applied: pending.map((migration) => migration.name) };
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end();
  }
}
