import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** Why the books stay: the law that keeps them, cited once. */
const BOOKKEEPING =
  "statutory bookkeeping retention (ledgers 30 years under the PRC Accounting Archives Management Measures)";

/**
 * What erasure does to each of finance's tables, and why (the lead's data-subject rights document is
 * generated from these reasons). `erase.ts` follows it; the tombstone rewrite is the only change the
 * ledger's and payments' guards allow (the `erasure_tombstones` migration).
 */
export const FINANCE_TABLES: Record<string, TablePolicy> = {
  ledger_accounts: {
    action: "TOMBSTONE",
    reason: `The person's points, cash and coach-payable accounts are part of the books (${BOOKKEEPING}): kept with their balances, the owner replaced by the tombstone id, so the trial balance still sums to zero.`,
  },
  ledger_entries: {
    action: "TOMBSTONE",
    reason: `Kept unchanged (${BOOKKEEPING}); an entry names an account, never a person, so the entries of the person's accounts are kept under the tombstone through their account.`,
  },
  ledger_transfers: {
    action: "TOMBSTONE",
    reason: `Kept (${BOOKKEEPING}) with the person's id replaced by the tombstone id where a transfer names them: the operator of an adjustment, a gift's sender in its source reference and its recipient in its reason.`,
  },
  payments: {
    action: "TOMBSTONE",
    reason: `Kept with amounts, statuses, provider references and refunds (${BOOKKEEPING}; the provider's records must still reconcile), the payer replaced by the tombstone id; a direct payment's own reference text (what the payer wrote) is cleared.`,
  },
  settlements: {
    action: "TOMBSTONE",
    reason: `A coach's payout and the platform's fee for an order are kept (${BOOKKEEPING}), the coach replaced by the tombstone id.`,
  },
  gift_orders: {
    action: "TOMBSTONE",
    reason: `A gift moved points between two people (${BOOKKEEPING}; the other party's history shows it): kept with the person's id replaced by the tombstone id, and the message cleared when they wrote it.`,
  },
  trade_orders: {
    action: "TOMBSTONE",
    reason:
      "Finance's record of trade's orders is what reconciliation compares payments and settlements with: kept, the customer or coach replaced by the tombstone id (trade keeps the same orders under the same tombstone).",
  },
  reconciliation_discrepancies: {
    action: "TOMBSTONE",
    reason:
      "An audit record of the books (about orders and payments, not people): kept, an operator who resolved one replaced by the tombstone id, the person's id replaced wherever its detail names them.",
  },
  reconciliation_reports: {
    action: "TOMBSTONE",
    reason:
      "An audit record of a reconciliation run: kept, the person's id replaced by the tombstone id wherever its items name them.",
  },
  local_provider_charges: {
    action: "NONE",
    reason:
      "The local payment provider's side of a payment: amounts by payment id, naming no person (the payment row carries the payer).",
  },
  local_provider_webhooks: {
    action: "NONE",
    reason: "The local provider's webhooks to finance: payment ids, provider references and outcomes only.",
  },
  payment_webhook_events: {
    action: "NONE",
    reason: "Provider webhook ids handled, for deduplication: no person.",
  },
  gifts: { action: "NONE", reason: "The gift catalogue: names, icons and prices, no person." },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  idempotency_keys: MECHANISM_TABLE_POLICIES.idempotency_keys!,
  account_holds: MECHANISM_TABLE_POLICIES.account_holds!,
  erased_users: {
    ...ERASED_USERS_POLICY,
    reason: `${ERASED_USERS_POLICY.reason} Here it also keeps each erasure's tombstone id, linked to nobody but a holder of the raw id, as ops's audit_erased_subjects does: a late event that settles money already taken (MONEY_THAT_MOVED: a capture and settlement, a bounty payout or return, a cancellation's void or refund) still posts, under the tombstone, as erasure left their accounts; every other late event about them makes nothing.`,
  },
};
