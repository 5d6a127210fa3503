import { ERASED_USERS_TABLE_SQL } from "@health/platform/privacy";
import { EVENT_TABLES_SQL } from "@health/platform/testing";
import { describe, expect, it } from "vitest";
import { prismaMigration } from "../newSubgraph/migration.ts";
import { prismaSchema } from "../newSubgraph/prismaFiles.ts";

/** The statements of a SQL script, whitespace collapsed, comments dropped, in order of their text. */
const statements = (sql: string) =>
  sql
    .split("\n")
    .filter((line) => !line.trim().startsWith("--"))
    .join(" ")
    .split(";")
    .map((statement) => statement.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .sort();

describe("new:subgraph's first migration", () => {
  it("is what Prisma's engine writes for the schema: the event mechanism's outbox and inbox, and erased_users", async () => {
    const sub = {
      name: "newsubgraphcheck",
      pascal: "Newsubgraphcheck",
      upper: "NEWSUBGRAPHCHECK",
      port: 4099,
    };
    const files = await prismaMigration(sub, prismaSchema(sub));
    const [folder] = [...files.keys()].filter((path) => path.endsWith("/migration.sql"));
    expect(folder).toMatch(/^\d{14}_init\/migration\.sql$/);
    expect(statements(files.get(folder ?? "") ?? "")).toEqual(
      statements(EVENT_TABLES_SQL + ERASED_USERS_TABLE_SQL),
    );
    expect(files.get("migration_lock.toml")).toContain('provider = "postgresql"');
  }, 60_000);
});
