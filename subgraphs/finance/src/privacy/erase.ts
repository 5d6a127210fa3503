import type { SqlExecutor } from "@health/platform/events";
import { type ErasedSubject, type ErasedTable, rememberErasure } from "@health/platform/privacy";

/**
 * Names the running erasure to the ledger's and payments' guards (the `erasure_tombstones` migration),
 * for the rest of the transaction or until called again with empty ids: the only change they then let
 * through is `subject` replaced by `tombstone`.
 */
const announce = (tx: SqlExecutor, subject: string, tombstone: string) =>
  tx.$queryRawUnsafe(
    `SELECT set_config('finance.erasure_subject', $1, true), set_config('finance.erasure_tombstone', $2, true)`,
    subject,
    tombstone,
  );

// Each statement replaces $1 (the person's id) by $2 (their tombstone id) in one table, per policy.ts.
/** `column` (a uuid) set to the tombstone where it is the person. */
const swap = (column: string) =>
  `${column} = CASE WHEN ${column} = $1::uuid THEN $2::uuid ELSE ${column} END`;
/** `column` (text) with the person's id replaced wherever it names them. */
const rewrite = (column: string) => `${column} = replace(${column}, $1::text, $2::text)`;
const names = (column: string) => `strpos(${column}, $1::text) > 0`;

const TOMBSTONES: ReadonlyArray<[table: string, sql: string]> = [
  ["ledger_accounts", `UPDATE ledger_accounts SET owner = $2 WHERE owner = $1`],
  [
    "ledger_transfers",
    `UPDATE ledger_transfers SET ${swap("actor_id")}, ${rewrite("reason")}, ${rewrite("source_ref")}
      WHERE actor_id = $1::uuid OR ${names("reason")} OR ${names("source_ref")}`,
  ],
  // A payment a saga asked for references its order; a direct one, what its payer wrote.
  [
    "payments",
    `UPDATE payments SET payer_id = $2::uuid,
            reference = CASE WHEN requester IS NULL AND reference NOT LIKE 'service_order:%' THEN '' ELSE reference END
      WHERE payer_id = $1::uuid`,
  ],
  ["settlements", `UPDATE settlements SET coach_id = $2::uuid WHERE coach_id = $1::uuid`],
  [
    "gift_orders",
    `UPDATE gift_orders
        SET message = CASE WHEN sender_id = $1::uuid THEN NULL ELSE message END, ${swap("sender_id")}, ${swap("recipient_id")}
      WHERE sender_id = $1::uuid OR recipient_id = $1::uuid`,
  ],
  [
    "trade_orders",
    `UPDATE trade_orders SET ${swap("customer_id")}, ${swap("coach_id")}
      WHERE customer_id = $1::uuid OR coach_id = $1::uuid`,
  ],
  [
    "reconciliation_discrepancies",
    `UPDATE reconciliation_discrepancies SET ${swap("resolved_by")}, ${rewrite("subject")}, ${rewrite("detail")}
      WHERE resolved_by = $1::uuid OR ${names("subject")} OR ${names("detail")}`,
  ],
  [
    "reconciliation_reports",
    `UPDATE reconciliation_reports SET items = replace(items::text, $1::text, $2::text)::jsonb
      WHERE ${names("items::text")}`,
  ],
];

/**
 * Erases `subject` from finance per FINANCE_TABLES (policy.ts), in the consumer's transaction: the books
 * keep every amount, under the tombstone id; the person's own words go. Idempotent: a second run finds
 * nothing under the person's id and counts zeros.
 */
export async function eraseFinance(tx: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock); those after skip the person,
  // or post under the tombstone kept here (events/moneyThatMoved.ts).
  await rememberErasure(tx, subject.userId, subject.tombstoneId);
  const { userId, tombstoneId } = subject;
  await announce(tx, userId, tombstoneId);
  // Counted before their accounts change owner: the entries are kept, under the tombstone, through them.
  const [entries] = await tx.$queryRawUnsafe<Array<{ rows: number }>>(
    `SELECT count(*)::int AS rows FROM ledger_entries e JOIN ledger_accounts a ON a.id = e.account_id
      WHERE a.owner = $1`,
    userId,
  );
  const tables: ErasedTable[] = [{ table: "ledger_entries", action: "TOMBSTONED", rows: entries?.rows ?? 0 }];
  for (const [table, sql] of TOMBSTONES) {
    tables.push({ table, action: "TOMBSTONED", rows: await tx.$executeRawUnsafe(sql, userId, tombstoneId) });
  }
  // The guards go back to refusing everything for the rest of the transaction (the mechanism tables').
  await announce(tx, "", "");
  return tables;
}
