import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { databaseUrlFor } from "../config/serviceConfig.ts";
import { withDatabase } from "../migrate/databaseUrl.ts";
import { deployMigrations } from "../migrate/deployMigrations.ts";
import { dropDatabase } from "../migrate/dropDatabase.ts";
import { ensureDatabase } from "../migrate/ensureDatabase.ts";
import { withMaintenanceClient } from "../migrate/maintenanceClient.ts";

const REPO_ROOT = join(import.meta.dirname, "../../../..");

export const templateDatabaseName = (subgraph: string): string => `health_${subgraph}_template`;

const adminQuery = (url: string, sql: string): Promise<void> =>
  withMaintenanceClient(url, async (client) => {
    await client.query(sql);
  });

/**
 * Creates (if missing) and migrates `health_<subgraph>_template`, the database every test copies. A
 * template whose history no longer deploys (a migration edited or renamed since, another branch's
 * migrations) is rebuilt from scratch: it holds no data, and the run then tests these migrations.
 */
export async function prepareTemplateDatabase(subgraph: string): Promise<void> {
  const url = withDatabase(databaseUrlFor(subgraph), templateDatabaseName(subgraph));
  const migrationsDir = join(REPO_ROOT, "prisma", subgraph, "migrations");
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

/**
 * A fresh database `health_<subgraph>_t_<random>` copied from the migrated template, so test files run
 * in parallel and leave nothing behind.
 */
export async function createTestDatabase(subgraph: string): Promise<TestDatabase> {
  const base = databaseUrlFor(subgraph);
  const name = `health_${subgraph}_t_${randomBytes(5).toString("hex")}`;
  await adminQuery(base, `CREATE DATABASE "${name}" TEMPLATE "${templateDatabaseName(subgraph)}"`);
  return {
    url: withDatabase(base, name),
    name,
    drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
