import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { createMigration, databaseUrlFor } from "@health/platform/migrate";
import type { MigrationMaker } from "./plan.ts";

/**
 * `npm run db:new-migration <name> init`, done in a scratch folder so that nothing is written into the
 * repository before every other check passed: Prisma's engine diffs the schema against an empty shadow
 * database on the local Postgres.
 */
export const prismaMigration: MigrationMaker = async (sub, schema) => {
  const scratch = mkdtempSync(join(tmpdir(), `new-subgraph-${sub.name}-`));
  try {
    const schemaPath = join(scratch, "schema.prisma");
    const migrationsDir = join(scratch, "migrations");
    writeFileSync(schemaPath, schema);
    const url = databaseUrlFor(sub.name);
    const result = await createMigration({ url, schemaPath, migrationsDir, name: "init" });
    if (result.path === null) throw new Error(`Prisma wrote no migration: ${result.reason}`);
    const files = readdirSync(migrationsDir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    return new Map(
      files.map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(migrationsDir, path), readFileSync(path, "utf8")];
      }),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
