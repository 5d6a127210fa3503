import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { diffSchema } from "./diffSchema.ts";
import { MIGRATION_SCRIPT, readMigrationFiles } from "./migrationFiles.ts";
import { ensureMigrationLock } from "./migrationLock.ts";
import { migrationFolderName } from "./migrationName.ts";

export interface CreateMigrationOptions {
  /** The subgraph's database URL; only its server is used, for the shadow database. */
  url: string;
  schemaPath: string;
  migrationsDir: string;
  /** Free text, turned into the folder suffix (`add index` becomes `add_index`). */
  name: string;
}

/** `path` is the new `migration.sql`, or null with the reason nothing was written. */
export type CreateMigrationResult = { path: string } | { path: null; reason: string };

/**
 * Writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql` holding the SQL that takes the
 * database built by the existing migrations to `schema.prisma`, plus `migration_lock.toml` at the
 * root if missing. Nothing is applied: run `deployMigrations` for that.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const schema = await readFile(options.schemaPath, "utf8");
  const { url, schemaPath, migrationsDir } = options;
  const sql = await diffSchema({ url, schema, schemaPath, migrationsDir });
  if (sql === null) {
    return {
      path: null,
      reason: `${options.schemaPath} already matches the migrations in ${options.migrationsDir}`,
    };
  }
  const existing = (await readMigrationFiles(options.migrationsDir)).map((file) => file.name);
  const folder = join(options.migrationsDir, migrationFolderName(options.name, existing));
  await mkdir(folder, { recursive: true });
  const path = join(folder, MIGRATION_SCRIPT);
  await writeFile(path, sql);
  await ensureMigrationLock(options.migrationsDir);
  return { path };
}
