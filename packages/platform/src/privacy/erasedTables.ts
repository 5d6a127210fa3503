import type { ErasedTable } from "./subgraphPrivacy.ts";

/** What an erasure did to a table's rows, as its acknowledgement counts them. */
export const deleted = (table: string, rows: number): ErasedTable => ({ table, action: "DELETED", rows });
export const tombstoned = (table: string, rows: number): ErasedTable => ({
  table,
  action: "TOMBSTONED",
  rows,
});
export const anonymised = (table: string, rows: number): ErasedTable => ({
  table,
  action: "ANONYMISED",
  rows,
});
