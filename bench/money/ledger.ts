// (1) Ledger transfers per second: finance's `transfer()` against the same double-entry insert in raw
// SQL, all on one fresh finance database, random transfers among LEDGER_ACCOUNTS funded accounts.
import type pg from "pg";
import { POINTS } from "../../subgraphs/finance/src/domain/ledger/rules.ts";
import { transfer } from "../../subgraphs/finance/src/domain/ledger/transfer.ts";
import { PrismaClient } from "../../subgraphs/finance/src/generated/prisma/client.ts";
import { openFundedAccounts } from "../../subgraphs/finance/test/fundedAccounts.ts";
import { closedLoop, type LoopResult } from "./closedLoop.ts";
import { freshDatabase } from "./freshDatabase.ts";
import { LEDGER_ACCOUNTS, LEDGER_CONCURRENCY, LEDGER_TRANSFERS } from "./settings.ts";

/** Enough that no random transfer of at most 100 ever meets the no-overdraft rule. */
const FUNDING = 10n ** 9n;
const WARMUP_TRANSFERS = 200;

export interface LedgerResults {
  domain: LoopResult<"posted">;
  /** The same statements as transfer(), over raw pg: the triggers still fire. */
  raw: LoopResult<"posted">;
  /** Transfer row + entry rows + balance UPDATEs on copies of the tables that have no triggers. */
  plain: LoopResult<"posted">;
  /** After the domain run: Σ balances = 0, no user account below 0, every balance = Σ its entries. */
  booksBalance: boolean;
}

interface Leg {
  accountId: string;
  amount: bigint;
}

/** Two legs between two distinct random accounts, in account-id order (the order transfer() locks in). */
function randomLegs(accounts: readonly string[]): Leg[] {
  const from = Math.floor(Math.random() * accounts.length);
  const to = (from + 1 + Math.floor(Math.random() * (accounts.length - 1))) % accounts.length;
  const amount = BigInt(1 + Math.floor(Math.random() * 100));
  return [
    { accountId: accounts[from]!, amount: -amount },
    { accountId: accounts[to]!, amount },
  ].sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

const TRANSFER_SQL = `INSERT INTO "ledger_transfers" ("kind", "reason", "source_ref", "actor_id")
  VALUES ('TRANSFER', 'bench', NULL, NULL) ON CONFLICT ("source_ref") DO NOTHING RETURNING "id"`;
const ENTRIES_SQL = `INSERT INTO "ledger_entries" ("transfer_id", "account_id", "amount")
  VALUES ($1::uuid, $2::uuid, $3::bigint), ($1::uuid, $4::uuid, $5::bigint)`;

/** One transaction on one pooled connection, rolled back if a statement fails. */
async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await work(client);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const entryParams = (id: string, legs: Leg[]) => [
  id,
  legs[0]!.accountId,
  legs[0]!.amount.toString(),
  legs[1]!.accountId,
  legs[1]!.amount.toString(),
];

/** transfer()'s statements, sent straight: the transfer row, then both entries in one INSERT. */
const rawTransfer = (pool: pg.Pool, accounts: readonly string[]) => async () => {
  const legs = randomLegs(accounts);
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(TRANSFER_SQL);
    await client.query(ENTRIES_SQL, entryParams(rows[0]!.id, legs));
  });
  return "posted" as const;
};

/** The double entry with nothing enforcing it: rows and balance UPDATEs (id order) in bench_plain. */
const plainTransfer = (pool: pg.Pool, accounts: readonly string[]) => async () => {
  const legs = randomLegs(accounts);
  await inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      TRANSFER_SQL.replace('"ledger_transfers"', "bench_plain.ledger_transfers"),
    );
    await client.query(
      ENTRIES_SQL.replace('"ledger_entries"', "bench_plain.ledger_entries"),
      entryParams(rows[0]!.id, legs),
    );
    for (const leg of legs) {
      await client.query(
        "UPDATE bench_plain.ledger_accounts SET balance = balance + $2::bigint WHERE id = $1::uuid",
        [leg.accountId, leg.amount.toString()],
      );
    }
  });
  return "posted" as const;
};

/**
 * Copies of the three ledger tables (columns, defaults, keys, indexes, foreign keys; no triggers) in a
 * schema of their own, holding the same funded accounts.
 */
const PLAIN_TABLES_SQL = `
CREATE SCHEMA bench_plain;
CREATE TABLE bench_plain.ledger_accounts (LIKE public.ledger_accounts INCLUDING ALL);
CREATE TABLE bench_plain.ledger_transfers (LIKE public.ledger_transfers INCLUDING ALL);
CREATE TABLE bench_plain.ledger_entries (LIKE public.ledger_entries INCLUDING ALL,
  FOREIGN KEY (transfer_id) REFERENCES bench_plain.ledger_transfers (id),
  FOREIGN KEY (account_id) REFERENCES bench_plain.ledger_accounts (id));
INSERT INTO bench_plain.ledger_accounts SELECT * FROM public.ledger_accounts;`;

async function booksBalance(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ ok: boolean }>(`
    SELECT (SELECT SUM(balance) = 0 FROM ledger_accounts)
       AND NOT EXISTS (SELECT 1 FROM ledger_accounts WHERE kind = 'USER_POINTS' AND balance < 0)
       AND NOT EXISTS (
         SELECT 1 FROM ledger_accounts a
           LEFT JOIN (SELECT account_id, SUM(amount) AS s FROM ledger_entries GROUP BY 1) e ON e.account_id = a.id
          WHERE a.balance <> COALESCE(e.s, 0)) AS ok`);
  return rows[0]?.ok === true;
}

/** Each path: a warm-up, then LEDGER_TRANSFERS timed, LEDGER_CONCURRENCY in flight. */
async function timed(job: () => Promise<"posted">): Promise<LoopResult<"posted">> {
  await closedLoop(WARMUP_TRANSFERS, LEDGER_CONCURRENCY, job);
  return closedLoop(LEDGER_TRANSFERS, LEDGER_CONCURRENCY, job);
}

export async function benchLedger(): Promise<LedgerResults> {
  const database = await freshDatabase("finance", PrismaClient);
  try {
    const accounts = await openFundedAccounts(database.db, LEDGER_ACCOUNTS, FUNDING);
    await database.pool.query(PLAIN_TABLES_SQL);
    const { db, pool } = database;
    console.error(`(1) ledger: ${LEDGER_TRANSFERS} transfers per path, ${LEDGER_CONCURRENCY} in flight…`);
    const raw = await timed(rawTransfer(pool, accounts));
    const plain = await timed(plainTransfer(pool, accounts));
    const domain = await timed(async () => {
      const legs = randomLegs(accounts);
      await db.$transaction((tx) =>
        transfer(tx, { kind: "TRANSFER", reason: "bench", unit: POINTS, entries: legs }),
      );
      return "posted";
    });
    return { domain, raw, plain, booksBalance: await booksBalance(pool) };
  } finally {
    await database.close();
  }
}
