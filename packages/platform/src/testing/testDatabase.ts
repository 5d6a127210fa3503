import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { databaseUrlFor } from "../config/serviceConfig.ts";
import { withDatabase } from "../migrate/databaseUrl.ts";
import { deployMigrations } from "../migrate/deployMigrations.ts";
import { dropDatabase } from "../migrate/dropDatabase.ts";
import { ensureDatabase } from "../migrate/ensureDatabase.ts";
import { withMaintenanceClient } from "../migrate/maintenanceClient.ts";

const REPO_ROOT = join(import.meta.dirname, "../../../..");

const migrationsDirOf = (subgraph: string): string => join(REPO_ROOT, "prisma", subgraph, "migrations");

const migrationsHashes = new Map<string, string>();

/** A short hash of a subgraph's migrations (names and SQL), so each history has a template of its own. */
function migrationsHash(subgraph: string): string {
  const known = migrationsHashes.get(subgraph);
  if (known) return known;
  const dir = migrationsDirOf(subgraph);
  const hash = createHash("sha256");
  for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
    const sql = join(dir, name, "migration.sql");
    hash.update(name).update(existsSync(sql) ? readFileSync(sql) : "");
  }
  const digest = hash.digest("hex").slice(0, 10);
  migrationsHashes.set(subgraph, digest);
  return digest;
}

/**
 * `health_<subgraph>_template_<hash of its migrations>`: checkouts with different migrations (two
 * worktrees, two branches) each get their own template instead of rebuilding one another's mid-run.
 */
export const templateDatabaseName = (subgraph: string): string =>
  `health_${subgraph}_template_${migrationsHash(subgraph)}`;

const adminQuery = (url: string, sql: string): Promise<void> =>
  withMaintenanceClient(url, async (client) => {
    await client.query(sql);
  });

/**
 * Creates (if missing) and migrates the template database (`templateDatabaseName`) every test copies. A
 * template whose history no longer deploys (a migration edited or renamed since, another branch's
 * migrations) is rebuilt from scratch: it holds no data, and the run then tests these migrations.
 */
export async function prepareTemplateDatabase(subgraph: string): Promise<void> {
  const url = withDatabase(databaseUrlFor(subgraph), templateDatabaseName(subgraph));
  const migrationsDir = migrationsDirOf(subgraph);
  await ensureDatabase(url);
  try {
    await deployMigrations({ url, migrationsDir });
  } catch {
    await dropDatabase(url);
    await ensureDatabase(url);
    await deployMigrations({ url, migrationsDir });
  }
}

export interface TestDatabase {
  url: string;
  name: string;
  /** Drops the database (`WITH (FORCE)`); call after disconnecting clients. */
  drop(): Promise<void>;
}

const testDatabaseName = (subgraph: string): string =>
  `health_${subgraph}_t_${randomBytes(5).toString("hex")}`;

const testDatabase = (base: string, name: string): TestDatabase => ({
  url: withDatabase(base, name),
  name,
  drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
});

/**
 * A fresh database `health_<subgraph>_t_<random>` copied from the migrated template, so test files run
 * in parallel and leave nothing behind. `serverUrl` puts it on another server (a test's private
 * Postgres), migrated from scratch there since that server has no template.
 */
export async function createTestDatabase(subgraph: string, serverUrl?: string): Promise<TestDatabase> {
  const name = testDatabaseName(subgraph);
  if (serverUrl) {
    const database = testDatabase(serverUrl, name);
    await ensureDatabase(database.url);
    await deployMigrations({ url: database.url, migrationsDir: migrationsDirOf(subgraph) });
    return database;
  }
  const base = databaseUrlFor(subgraph);
  await adminQuery(base, `CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(subgraph)}"`);
  return testDatabase(base, name);
}
