import type { SqlExecutor } from "../events/sql.ts";
import { snippetOf } from "./highlight.ts";
import { parseSearchQuery, toSearchText } from "./query.ts";
import {
  decodeSearchCursor,
  encodeSearchCursor,
  type SearchDocument,
  type SearchIndex,
  type SearchOptions,
  type SearchPage,
} from "./searchIndex.ts";

/** A text field of the document: the column holding it and its weight in ranking (A counts most). */
export interface SearchField {
  column: string;
  weight: "A" | "B" | "C" | "D";
}

/**
 * Where the documents live. The rows are the table's own (written by the domain); the index only
 * maintains `vector`, a `tsvector` column that a GIN index should cover.
 */
export interface PostgresSearchTable {
  table: string;
  /** The key column. Default `id`. */
  idColumn?: string;
  /** The key's SQL type. Default `uuid`. */
  idType?: string;
  vector: string;
  /** The text fields by document field name, e.g. `{ name: { column: "name", weight: "A" } }`. */
  fields: Record<string, SearchField>;
  /** Equality filters by name → column, compared as text, e.g. `{ categoryId: "category_id" }`. */
  filters?: Record<string, string>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const SQL_TYPE = /^[a-z][a-z0-9_ ]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name))
    throw new Error(`postgresSearchIndex: "${name}" is not a plain SQL identifier.`);
  return `"${name}"`;
}

/**
 * A `SearchIndex` over a Postgres table with the `simple` text-search configuration: `index` writes the
 * vector through `client` (pass the transaction client to keep it in the same write as the row),
 * `search` ranks with `ts_rank_cd` (normalised by document length) and cuts snippets in TypeScript.
 */
export function postgresSearchIndex(client: SqlExecutor, table: PostgresSearchTable): SearchIndex {
  const t = identifier(table.table);
  const id = identifier(table.idColumn ?? "id");
  const idType = table.idType ?? "uuid";
  if (!SQL_TYPE.test(idType)) throw new Error(`postgresSearchIndex: "${idType}" is not a SQL type name.`);
  const vector = identifier(table.vector);
  const fields = Object.entries(table.fields).map(([name, field]) => ({
    name,
    column: identifier(field.column),
    weight: field.weight,
  }));
  if (fields.length === 0) throw new Error("postgresSearchIndex: a table needs at least one text field.");
  const filters = Object.fromEntries(
    Object.entries(table.filters ?? {}).map(([name, column]) => [name, identifier(column)]),
  );

  const vectorSql = fields
    .map((field, i) => `setweight(to_tsvector('simple', $${i + 1}), '${field.weight}')`)
    .join(" || ");

  return {
    async index(doc: SearchDocument) {
      const texts = fields.map((field) => toSearchText(doc.fields[field.name]));
      const updated = await client.$executeRawUnsafe(
        `UPDATE ${t} SET ${vector} = ${vectorSql} WHERE ${id} = CAST($${texts.length + 1} AS ${idType})`,
        ...texts,
        doc.id,
      );
      if (updated !== 1) throw new Error(`postgresSearchIndex: no row ${doc.id} in ${table.table} to index.`);
    },

    async remove(docId: string) {
      await client.$executeRawUnsafe(
        `UPDATE ${t} SET ${vector} = NULL WHERE ${id} = CAST($1 AS ${idType})`,
        docId,
      );
    },

    async search(text: string, options: SearchOptions): Promise<SearchPage> {
      const query = parseSearchQuery(text, options.queryField ?? "search");
      const after = options.after ? decodeSearchCursor(options.after, options.cursorField ?? "after") : null;
      const values: unknown[] = [query.tsquery];
      const conditions: string[] = [];
      for (const [name, value] of Object.entries(options.filter ?? {})) {
        const column = filters[name];
        if (!column) throw new Error(`postgresSearchIndex: no filter "${name}" on ${table.table}.`);
        if (value === null || value === undefined) continue;
        values.push(value);
        conditions.push(`${column}::text = $${values.length}`);
      }
      const page = after
        ? `WHERE score < $${values.length + 1} OR (score = $${values.length + 1} AND id < $${values.length + 2})`
        : "";
      if (after) values.push(after.score, after.id);
      values.push(options.first + 1);
      const rows = await client.$queryRawUnsafe<
        Array<Record<string, unknown> & { id: string; score: number }>
      >(
        `SELECT * FROM (
           SELECT ${id}::text AS id, ts_rank_cd(${vector}, q, 1)::float8 AS score,
                  ${fields.map((field, i) => `${field.column} AS f${i}`).join(", ")}
           FROM ${t}, CAST($1 AS tsquery) AS q
           WHERE ${[`${vector} @@ q`, ...conditions].join(" AND ")}
         ) hits ${page}
         ORDER BY score DESC, id DESC
         LIMIT $${values.length}`,
        ...values,
      );
      const hits = rows.slice(0, options.first).map((row) => ({
        id: row.id,
        score: Number(row.score),
        snippets: Object.fromEntries(
          fields.map((field, i) => [field.name, snippetOf(row[`f${i}`] as string | null, query.text)]),
        ),
      }));
      const last = hits.at(-1);
      return {
        hits,
        hasNextPage: rows.length > options.first,
        endCursor: last ? encodeSearchCursor({ score: last.score, id: last.id }) : null,
      };
    },
  };
}
