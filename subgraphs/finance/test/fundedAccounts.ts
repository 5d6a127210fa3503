import { randomUUID } from "node:crypto";
import type { FinanceDb } from "../src/db.ts";
import { accountIdOf } from "../src/domain/ledger/accounts.ts";
import { PLATFORM_OWNER, POINTS } from "../src/domain/ledger/rules.ts";
import { transfer } from "../src/domain/ledger/transfer.ts";

/**
 * `count` new users' points accounts, each funded with `funding` from the platform's issuance account
 * by one transfer: the ledger stress test's and `bench/money`'s starting books.
 */
export function openFundedAccounts(db: FinanceDb, count: number, funding: bigint): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const issuance = await accountIdOf(tx, { owner: PLATFORM_OWNER, kind: "POINTS_ISSUANCE", unit: POINTS });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(await accountIdOf(tx, { owner: randomUUID(), kind: "USER_POINTS", unit: POINTS }));
    }
    await transfer(tx, {
      kind: "POINTS_ADJUSTMENT",
      reason: "funding",
      unit: POINTS,
      entries: [
        { accountId: issuance, amount: -funding * BigInt(count) },
        ...ids.map((accountId) => ({ accountId, amount: funding })),
      ],
    });
    return ids;
  });
}
