import { conflict } from "@health/platform/errors";
import type { FinanceTx } from "../../db.ts";
import type { LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { isLedgerRefusal, NO_OVERDRAFT } from "./ledgerErrors.ts";
import { balancedEntries, type EntryInput, POINTS } from "./rules.ts";

export interface TransferInput {
  entries: readonly EntryInput[];
  kind: LedgerTransferKind;
  reason: string;
  /** What caused it (an event id, an idempotency key): a cause posts at most one transfer. */
  sourceRef?: string | null;
  /** The person who made it (an operator); null for rules. */
  actorId?: string | null;
  /** The unit of the accounts, for the refusal's message. */
  unit: string;
}

/**
 * Posts a balanced transfer inside `tx`: its row, then its entries in account-id order, each moving its
 * account's balance under that row's lock (a trigger). Returns its id, or null when `sourceRef` was
 * already posted (nothing written). A user account that would go below zero is refused by the database
 * and surfaces as CONFLICT; the caller's transaction is then aborted, so nothing of it commits.
 */
export async function transfer(tx: FinanceTx, input: TransferInput): Promise<string | null> {
  const legs = balancedEntries(input.entries);
  const [posted] = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "ledger_transfers" ("kind", "reason", "source_ref", "actor_id")
     VALUES ($1::"LedgerTransferKind", $2, $3, $4::uuid)
     ON CONFLICT ("source_ref") DO NOTHING RETURNING "id"`,
    input.kind,
    input.reason,
    input.sourceRef ?? null,
    input.actorId ?? null,
  );
  if (!posted) return null;
  const rows = legs.map((_, i) => `($1::uuid, $${2 * i + 2}::uuid, $${2 * i + 3}::bigint)`).join(", ");
  try {
    await tx.$executeRawUnsafe(
      `INSERT INTO "ledger_entries" ("transfer_id", "account_id", "amount") VALUES ${rows}`,
      posted.id,
      ...legs.flatMap((leg) => [leg.accountId, leg.amount.toString()]),
    );
  } catch (error) {
    if (isLedgerRefusal(error, NO_OVERDRAFT)) {
      throw conflict(input.unit === POINTS ? "Too few points for this." : "Too little money for this.");
    }
    throw error;
  }
  return posted.id;
}
