import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** One `<timestamp>_<name>/migration.sql` folder of a migrations directory. */
export interface MigrationFile {
  /** The folder name, which is also `_prisma_migrations.migration_name`. */
  name: string;
  script: string;
}

export const MIGRATION_SCRIPT = "migration.sql";

/**
 * The migrations in `migrationsDir`, in the order they apply (folder names sort by timestamp).
 * A missing directory means no migrations yet.
 */
export async function readMigrationFiles(migrationsDir: string): Promise<MigrationFile[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(names.map((name) => readMigrationFile(migrationsDir, name)));
}

async function readMigrationFile(migrationsDir: string, name: string): Promise<MigrationFile> {
  const path = join(migrationsDir, name, MIGRATION_SCRIPT);
  if (!existsSync(path)) {
    throw new Error(`Migration folder ${join(migrationsDir, name)} has no ${MIGRATION_SCRIPT}.`);
  }
  return { name, script: await readFile(path, "utf8") };
}
