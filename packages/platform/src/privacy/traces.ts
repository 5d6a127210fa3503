import type { SqlExecutor } from "../events/sql.ts";
import type { TablePolicy } from "./subgraphPrivacy.ts";

/** Where a value was found: a table, a column and how many rows hold it. */
export interface Trace {
  table: string;
  column: string;
  rows: number;
}

interface ColumnRow {
  table: string;
  column: string;
}

/** Column types a person's id, name, email or text could be stored in (arrays and JSON included). */
const SEARCHABLE_TYPES = ["text", "character varying", "uuid", "jsonb", "json", "ARRAY", "USER-DEFINED"];

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every table of the database's `public` schema (Prisma's migrations table aside). */
export async function tablesOf(db: SqlExecutor): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<Array<{ table: string }>>(
    `SELECT table_name AS "table" FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
      ORDER BY table_name`,
  );
  return rows.map((row) => row.table);
}

/**
 * How a subgraph's erasure policy and its database differ: tables the policy does not name (it must name
 * every one) and names in it that are no table. Both empty when the policy documents the database.
 */
export async function policyGaps(db: SqlExecutor, tables: Readonly<Record<string, TablePolicy>>) {
  const present = await tablesOf(db);
  return {
    unnamed: present.filter((table) => !(table in tables)),
    absent: Object.keys(tables).filter((table) => !present.includes(table)),
  };
}

/**
 * Every column of every table that holds any of `needles` (a user id, an email, a name, a text the person
 * wrote), compared case-insensitively as text: what the proof of an erasure reads, database by database.
 */
export async function findTraces(db: SqlExecutor, needles: readonly string[]): Promise<Trace[]> {
  const columns = await db.$queryRawUnsafe<ColumnRow[]>(
    `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' AND data_type = ANY($1::text[])
      ORDER BY table_name, ordinal_position`,
    SEARCHABLE_TYPES,
  );
  const patterns = needles.filter((needle) => needle.length > 0).map((needle) => `%${needle}%`);
  const traces: Trace[] = [];
  for (const { table, column } of columns) {
    const value = `${quoted(column)}::text`;
    const [found] = await db.$queryRawUnsafe<Array<{ rows: number }>>(
      `SELECT count(*)::int AS rows FROM ${quoted(table)} WHERE ${value} ILIKE ANY($1::text[])`,
      patterns,
    );
    if (found && found.rows > 0) traces.push({ table, column, rows: found.rows });
  }
  return traces;
}

/**
 * Every row of every table but the event mechanism's (outbox and inbox, which an erasure's answer and
 * its redelivery always write), as JSON text in a stable order: what "a second erasure changes nothing"
 * compares before and after.
 */
export async function domainRows(db: SqlExecutor): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of await tablesOf(db)) {
    if (table === "outbox_events" || table === "inbox_events") continue;
    rows[table] = await db.$queryRawUnsafe<unknown[]>(
      `SELECT to_jsonb(t)::text AS row FROM ${quoted(table)} t ORDER BY 1`,
    );
  }
  return rows;
}
