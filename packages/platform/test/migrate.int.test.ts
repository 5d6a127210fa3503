import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationChecksum } from "../src/migrate/checksum.ts";
import { createMigration } from "../src/migrate/createMigration.ts";
import { deployMigrations } from "../src/migrate/deployMigrations.ts";
import { dropDatabase } from "../src/migrate/dropDatabase.ts";
import { ensureDatabase } from "../src/migrate/ensureDatabase.ts";
import { migrationFolderName } from "../src/migrate/migrationName.ts";

const database = `migrate_t_${randomBytes(5).toString("hex")}`;
const url = `postgresql://postgres@127.0.0.1:5432/${database}`;

const SCHEMA_V1 = `datasource db {
  provider = "postgresql"
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
  posts Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
`;

const SCHEMA_V2 = SCHEMA_V1.replace(
  "  email String @unique\n",
  "  email String @unique\n  nickname String?\n",
).replace(
  "  author   User   @relation(fields: [authorId], references: [id])\n",
  "  author   User   @relation(fields: [authorId], references: [id])\n\n  @@index([title])\n",
);

let dir: string;
let schemaPath: string;
let migrationsDir: string;
const created: string[] = [];

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db = database) {
  const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: db });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function create(name: string) {
  const result = await createMigration({ url, schemaPath, migrationsDir, name });
  if (result.path) created.push(result.path);
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "migrate-test-"));
  schemaPath = join(dir, "schema.prisma");
  migrationsDir = join(dir, "migrations");
  await writeFile(schemaPath, SCHEMA_V1);
});

afterAll(async () => {
  await dropDatabase(url);
  await rm(dir, { recursive: true, force: true });
});

describe("migrations through the wasm schema engine", () => {
  it("creates the first migration from an empty history, with the lockfile", async () => {
    const result = await create("init");

    expect(result.path).toMatch(/\/\d{14}_init\/migration\.sql$/);
    const sql = await readFile(result.path!, "utf8");
    expect(sql).toContain('CREATE TABLE "User"');
    expect(sql).toContain('CREATE TABLE "Post"');
    expect(sql).toContain('CREATE UNIQUE INDEX "User_email_key"');
    expect(await readFile(join(migrationsDir, "migration_lock.toml"), "utf8")).toContain(
      'provider = "postgresql"',
    );
  });

  it("creates the database once, then deploys into it as the Prisma CLI records it", async () => {
    expect(await ensureDatabase(url)).toEqual({ created: true });
    expect(await ensureDatabase(url)).toEqual({ created: false });

    const { applied } = await deployMigrations({ url, migrationsDir });

    expect(applied).toEqual([basename(dirname(created[0]!))]);
    const tables = await query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(["Post", "User", "_prisma_migrations"]);
    const [row] = await query("SELECT * FROM _prisma_migrations");
    expect(row).toMatchObject({
      migration_name: applied[0],
      checksum: migrationChecksum(await readFile(created[0]!, "utf8")),
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row?.id).toHaveLength(36);
    expect(row?.finished_at).toBeInstanceOf(Date);
    expect(row?.finished_at.getTime()).toBeGreaterThanOrEqual(row?.started_at.getTime());
  });

  it("creates a second migration holding only the delta", async () => {
    await writeFile(schemaPath, SCHEMA_V2);

    const result = await create("add nickname");

    expect(result.path).toMatch(/\/\d{14}_add_nickname\/migration\.sql$/);
    const sql = await readFile(result.path!, "utf8");
    expect(sql).toContain('ALTER TABLE "User" ADD COLUMN     "nickname" TEXT');
    expect(sql).toContain('CREATE INDEX "Post_title_idx" ON "Post"("title")');
    expect(sql).not.toContain("CREATE TABLE");
    expect(basename(dirname(result.path!)) > basename(dirname(created[0]!))).toBe(true);
  });

  it("deploys only the pending migration, then nothing", async () => {
    expect(await deployMigrations({ url, migrationsDir })).toEqual({
      applied: [basename(dirname(created[1]!))],
    });
    const columns = await query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'nickname'",
    );
    expect(columns).toHaveLength(1);
    const indexes = await query("SELECT 1 FROM pg_indexes WHERE indexname = 'Post_title_idx'");
    expect(indexes).toHaveLength(1);

    expect(await deployMigrations({ url, migrationsDir })).toEqual({ applied: [] });
  });

  it("replays a hand-written migration whose function body contains semicolons", async () => {
    const folder = join(migrationsDir, "29990101000000_touch_function");
    await mkdir(folder);
    await writeFile(
      join(folder, "migration.sql"),
      `CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW."title" := trim(NEW."title");
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
`,
    );

    expect(await deployMigrations({ url, migrationsDir })).toEqual({
      applied: ["29990101000000_touch_function"],
    });
    const result = await create("nothing");
    expect(result).toEqual({ path: null, reason: expect.stringContaining("already matches") });
  });

  it("refuses an applied migration whose file changed", async () => {
    const path = created[0]!;
    const original = await readFile(path, "utf8");
    await writeFile(path, `${original}\n-- edited after the fact\n`);
    try {
      await expect(deployMigrations({ url, migrationsDir })).rejects.toThrow(
        /was modified after it was applied/,
      );
    } finally {
      await writeFile(path, original);
    }
    await expect(deployMigrations({ url, migrationsDir })).resolves.toEqual({ applied: [] });
  });

  it("refuses a history holding a failed migration", async () => {
    await query(
      `INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', 'x', '29990202000000_broken', 'syntax error', now())`,
    );
    try {
      await expect(deployMigrations({ url, migrationsDir })).rejects.toThrow(
        /29990202000000_broken is recorded as failed/,
      );
    } finally {
      await query("DELETE FROM _prisma_migrations WHERE migration_name = '29990202000000_broken'");
    }
  });

  it("leaves no shadow database behind", async () => {
    const shadows = await query(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${database}_shadow_%`],
      "postgres",
    );
    expect(shadows).toEqual([]);
    expect(existsSync(migrationsDir)).toBe(true);
  });
});

describe("migrationFolderName", () => {
  const now = new Date("2025-03-04T05:06:07Z");

  it("stamps the UTC time and slugs the name", () => {
    expect(migrationFolderName(" add user-index ", [], now)).toBe("20250304050607_add_user_index");
  });

  it("stays after the newest folder when the clock has not moved past it", () => {
    expect(migrationFolderName("next", ["20250304050607_init", "migration_lock.toml"], now)).toBe(
      "20250304050608_next",
    );
    expect(migrationFolderName("next", ["20251231235959_future"], now)).toBe("20260101000000_next");
  });
});
