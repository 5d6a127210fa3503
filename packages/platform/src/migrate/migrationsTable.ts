import { randomUUID } from "node:crypto";
import type pg from "pg";
import { migrationChecksum } from "./checksum.ts";
import type { MigrationFile } from "./migrationFiles.ts";

/** A row of `_prisma_migrations` that was not rolled back. */
export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: Date | null;
  logs: string | null;
}

// The schema engine's own DDL (sql-schema-connector, postgres flavour), so the real CLI accepts it.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Creates `_prisma_migrations` in the current schema if it is missing. Like the CLI (P3005), it
 * refuses a schema that already holds tables but no history: those tables were not made by these
 * migrations, and applying them on top would fail halfway or silently diverge.
 */
export async function ensureMigrationsTable(client: pg.Client, database: string): Promise<void> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const names = rows.map((row) => row.table_name);
  if (names.includes("_prisma_migrations")) return;
  if (names.length > 0) {
    throw new Error(
      `Database ${database} is not empty (tables: ${names.slice(0, 5).join(", ")}) but has no ` +
        "_prisma_migrations table, so its schema did not come from these migrations. " +
        "Deploy into an empty database, or baseline it with `prisma migrate resolve --applied <name>`.",
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

export async function readAppliedMigrations(client: pg.Client): Promise<AppliedMigration[]> {
  const { rows } = await client.query<{
    migration_name: string;
    checksum: string;
    finished_at: Date | null;
    logs: string | null;
  }>(
    `SELECT migration_name, checksum, finished_at, logs FROM _prisma_migrations
     WHERE rolled_back_at IS NULL ORDER BY started_at`,
  );
  return rows.map((row) => ({
    name: row.migration_name,
    checksum: row.checksum,
    finishedAt: row.finished_at,
    logs: row.logs,
  }));
}

/**
 * Runs one migration and its history row in a single transaction. The row is written the way the
 * engine writes it (insert on start, then `applied_steps_count + 1` and `finished_at`; `logs`
 * stays NULL). A failure rolls everything back, so no half-applied "failed" row is left: fixing
 * the file and deploying again is enough.
 */
export async function applyMigration(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at)
       VALUES ($1, $2, $3, clock_timestamp())`,
      [id, migrationChecksum(migration.script), migration.name],
    );
    // No parameters: pg sends it as a simple query, which runs a multi-statement script as is.
    await client.query(migration.script);
    await client.query(
      `UPDATE _prisma_migrations
       SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
       WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
}
