import { scriptMatchesChecksum } from "./checksum.ts";
import type { MigrationFile } from "./migrationFiles.ts";
import type { AppliedMigration } from "./migrationsTable.ts";

/**
 * Throws when the recorded history cannot be continued safely: a migration recorded as failed
 * (started, never finished, not rolled back), or an applied migration whose file has changed since.
 * Returns the migrations still to apply, in order.
 */
export function pendingMigrations(
  files: MigrationFile[],
  applied: AppliedMigration[],
  database: string,
): MigrationFile[] {
  assertNoFailedMigration(applied, database);
  const byName = new Map(applied.map((row) => [row.name, row]));
  for (const file of files) {
    const row = byName.get(file.name);
    if (row && !scriptMatchesChecksum(file.script, row.checksum)) {
      throw new Error(
        `Migration ${file.name} was modified after it was applied to ${database} (checksum differs). ` +
          "Restore the file as it was and put the change in a new migration (npm run db:new-migration).",
      );
    }
  }
  return files.filter((file) => !byName.has(file.name));
}

function assertNoFailedMigration(applied: AppliedMigration[], database: string): void {
  const failed = applied.find((row) => row.finishedAt === null);
  if (!failed) return;
  const logs = failed.logs ? `\n${failed.logs}` : "";
  throw new Error(
    `Migration ${failed.name} is recorded as failed in ${database}. Fix the database by hand, then ` +
      `run \`prisma migrate resolve --rolled-back ${failed.name}\` (or \`--applied\`) before deploying.${logs}`,
  );
}
