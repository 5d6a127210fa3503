import { badInput } from "@health/platform/errors";

// The ledger's rules as plain functions: what a well-formed transfer is, decided before any write. The
// database enforces the same rules again (the `ledger` migration's triggers); these give a person a
// clear message first, and the database stays the last word under concurrency.

/** The unit of a points account; money accounts use an ISO 4217 code. */
export const POINTS = "POINTS";

/** The owner of the platform's own accounts (revenue, fees, points issuance). */
export const PLATFORM_OWNER = "platform";

/** One leg of a transfer: signed minor units, positive credits the account's holder. */
export interface EntryInput {
  accountId: string;
  amount: bigint;
}

/** A transfer's largest leg: beyond it, a sum of legs could leave Postgres' bigint. */
export const MAX_ENTRY_AMOUNT = 10n ** 15n;

/**
 * The legs of a balanced transfer, one per account (legs on the same account are merged), zero legs
 * dropped, in account-id order: the order the database locks the accounts in, the same for every
 * transfer, so two transfers over shared accounts can never deadlock. BAD_USER_INPUT when the legs do
 * not balance or fewer than two accounts move.
 */
export function balancedEntries(entries: readonly EntryInput[]): EntryInput[] {
  const byAccount = new Map<string, bigint>();
  for (const { accountId, amount } of entries) {
    if (amount > MAX_ENTRY_AMOUNT || amount < -MAX_ENTRY_AMOUNT) {
      throw badInput("amount", `An amount must be within ±${MAX_ENTRY_AMOUNT} minor units.`);
    }
    byAccount.set(accountId, (byAccount.get(accountId) ?? 0n) + amount);
  }
  const legs = [...byAccount]
    .filter(([, amount]) => amount !== 0n)
    .map(([accountId, amount]) => ({ accountId, amount }))
    .sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const total = legs.reduce((sum, leg) => sum + leg.amount, 0n);
  if (total !== 0n)
    throw badInput("entries", `A transfer's entries must sum to zero; these sum to ${total}.`);
  if (legs.length < 2) throw badInput("entries", "A transfer must move value between at least two accounts.");
  return legs;
}

/** A reason as stored: trimmed, 1–500 characters, else BAD_USER_INPUT on `field`. */
export function reasonOf(reason: string, field = "reason"): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0 || trimmed.length > 500) {
    throw badInput(field, `${field} must be 1–500 characters saying why.`);
  }
  return trimmed;
}
