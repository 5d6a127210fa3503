import type { DataHolder } from "@health/events/privacy";
import type { SqlExecutor } from "../events/sql.ts";

/**
 * What erasure does to a person's rows in one table:
 * - DELETE: the rows go (their content is the person's and nobody else needs it);
 * - ANONYMISE: the rows stay, their identifying columns cleared or replaced (a counterpart still needs the row);
 * - TOMBSTONE: the rows stay whole, the person's id replaced by the erasure's tombstone id (law or the
 *   ledger requires them: ledger entries, settlements, orders another party was paid for);
 * - NONE: the table holds nothing about a person (reference data, event ids).
 */
export type ErasurePolicyAction = "DELETE" | "ANONYMISE" | "TOMBSTONE" | "NONE";

export interface TablePolicy {
  action: ErasurePolicyAction;
  /** Why: for TOMBSTONE and ANONYMISE, what requires the row to stay; for NONE, why it holds nothing personal. */
  reason: string;
}

/** Whose data an erasure removes, and the id that replaces theirs in the rows that must stay. */
export interface ErasedSubject {
  erasureId: string;
  userId: string;
  tombstoneId: string;
}

/** What erasure did to one table (the `account_erasure_acknowledged` counts). */
export interface ErasedTable {
  table: string;
  action: "DELETED" | "ANONYMISED" | "TOMBSTONED";
  rows: number;
}

/** A part of a person's export: named sections, each a list of items (rows as the person would read them). */
export type ExportSections = Record<string, readonly unknown[]>;

/**
 * One subgraph's answer to data-subject rights (PIPL Art. 45–47): what it exports about a person and how
 * it erases them. `privacyConsumer` runs both from auth's requests; the subgraph writes only the domain part.
 */
export interface SubgraphPrivacy {
  subgraph: DataHolder;
  /**
   * Every table of the subgraph's database, the platform's own included (`MECHANISM_TABLE_POLICIES`), with
   * what erasure does to it and why: the documentation of what is kept, and checked against the database
   * by `policyGaps` so a new table cannot be forgotten.
   */
  tables: Readonly<Record<string, TablePolicy>>;
  /** Everything the subgraph holds about `userId`, read through `tx` (one snapshot). */
  collect(tx: SqlExecutor, userId: string): Promise<ExportSections>;
  /**
   * Erases the person's rows through `tx` (the consumer's transaction, so it commits with the acknowledgement
   * or not at all), per the `tables` policy, and says what it did. Must be idempotent: a second run finds
   * nothing left and counts zeros.
   */
  erase(tx: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]>;
  /**
   * Clears what lives outside the database (Redis caches, a search index elsewhere), before the erasure
   * commits: a throw rolls the erasure back and the event is redelivered, so it is never acknowledged while
   * a cache still shows the person.
   */
  purgeOutside?(subject: ErasedSubject): Promise<void>;
}
