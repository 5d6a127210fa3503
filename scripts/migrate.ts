// Migrations without Prisma's native schema engine (../shared/design/TOOLCHAIN.md): `deploy` applies pending
// migrations for every prisma/<name>/ (or the named ones), `create` writes a new migration.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import {
  createMigration,
  databaseUrlFor,
  deployMigrations,
  ensureDatabase,
  isConnectionError,
  postgresUnreachableMessage,
} from "@health/platform/migrate";

const PRISMA_DIR = join(import.meta.dirname, "..", "prisma");

const USAGE = `Usage:
  tsx scripts/migrate.ts deploy [name ...]               apply pending migrations (all subgraphs by default)
  tsx scripts/migrate.ts create <name> <migration-name>  write prisma/<name>/migrations/<timestamp>_<migration-name>/`;

class UsageError extends Error {}

function subgraphsWithSchema(): string[] {
  return readdirSync(PRISMA_DIR)
    .filter((name) => existsSync(join(PRISMA_DIR, name, "schema.prisma")))
    .sort();
}

function pathsOf(name: string) {
  return {
    schemaPath: join(PRISMA_DIR, name, "schema.prisma"),
    migrationsDir: join(PRISMA_DIR, name, "migrations"),
  };
}

function selectSubgraphs(requested: string[]): string[] {
  const known = subgraphsWithSchema();
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      `No prisma/<name>/schema.prisma for: ${unknown.join(", ")} (known: ${known.join(", ")})`,
    );
  }
  return requested.length > 0 ? requested : known;
}

/** Runs `work`; if Postgres cannot be reached, says where and how to start it, and exits 1. */
async function withPostgres<T>(url: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    console.error(postgresUnreachableMessage(url));
    process.exit(1);
  }
}

function deploySummary(name: string, url: string, created: boolean, applied: string[]): string {
  const parts: string[] = [];
  if (created) parts.push(`created database ${new URL(url).pathname.slice(1)}`);
  if (applied.length > 0) parts.push(`applied ${applied.length} migration(s)`);
  if (parts.length === 0) return `${name}: up to date`;
  if (applied.length === 0) parts.push("no migrations to apply");
  return `${name}: ${parts.join(", ")}`;
}

async function deploy(requested: string[]): Promise<void> {
  for (const name of selectSubgraphs(requested)) {
    const url = databaseUrlFor(name);
    const { migrationsDir } = pathsOf(name);
    const { created } = await withPostgres(url, () => ensureDatabase(url));
    const { applied } = await withPostgres(url, () => deployMigrations({ url, migrationsDir }));
    console.log(deploySummary(name, url, created, applied));
  }
}

async function create(name: string | undefined, migrationName: string | undefined): Promise<void> {
  if (!name || !migrationName) throw new UsageError("create needs <name> and <migration-name>");
  selectSubgraphs([name]);
  const url = databaseUrlFor(name);
  const result = await withPostgres(url, () =>
    createMigration({ url, ...pathsOf(name), name: migrationName }),
  );
  if (result.path === null) console.log(`${name}: no migration created: ${result.reason}`);
  else console.log(`${name}: created ${result.path}\nApply it with: npm run db:migrate ${name}`);
}

async function main(args: string[]): Promise<void> {
  const [command, ...rest] = args;
  if (command === "deploy") return deploy(rest);
  if (command === "create") return create(rest[0], rest[1]);
  throw new UsageError(command ? `Unknown command: ${command}` : "Missing command");
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
