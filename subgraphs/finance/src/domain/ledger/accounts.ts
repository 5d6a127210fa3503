import type { FinanceTx } from "../../db.ts";
import type { LedgerAccountKind } from "../../generated/prisma/enums.ts";

export interface AccountKey {
  /** A user's or coach's id, or a platform code (`PLATFORM_OWNER`). */
  owner: string;
  kind: LedgerAccountKind;
  /** "POINTS" or an ISO 4217 code. */
  unit: string;
}

/**
 * The id of the account `key` names, opened (at zero) on first use. Race-safe: two first transfers
 * insert at once, one wins, the other's `ON CONFLICT DO NOTHING` waits for it and then reads its row.
 */
export async function accountIdOf(tx: FinanceTx, key: AccountKey): Promise<string> {
  const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "ledger_accounts" ("owner", "kind", "unit") VALUES ($1, $2::"LedgerAccountKind", $3)
     ON CONFLICT ("owner", "kind", "unit") DO NOTHING RETURNING "id"`,
    key.owner,
    key.kind,
    key.unit,
  );
  if (inserted[0]) return inserted[0].id;
  const existing = await tx.ledgerAccount.findUniqueOrThrow({
    where: { owner_kind_unit: key },
    select: { id: true },
  });
  return existing.id;
}
