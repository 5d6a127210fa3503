import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/**
 * What erasure does to each of trade's tables, and why (the lead's data-subject rights document is
 * generated from these reasons). `erase.ts` follows it.
 */
export const TRADE_TABLES: Record<string, TablePolicy> = {
  service_orders: {
    action: "TOMBSTONE",
    reason:
      "An order another party took part in (a coach assigned, served or attempted it) is kept with the person's id replaced by the tombstone id and their words cleared (description, dispute reason): the coach's order history and finance's payments and settlements refer to it. An order nobody else touched (OPEN, EXPIRED or CANCELLED, no coach, no attempt) is deleted; their CREATED or OPEN orders are cancelled first (order_cancelled, so finance releases the hold) and no coach can grab them.",
  },
  grab_requests: {
    action: "DELETE",
    reason:
      "The person's own grab attempts as a coach (won, lost or refused); an order they won keeps its coach, the tombstone id, on the order itself.",
  },
  appointments: {
    action: "TOMBSTONE",
    reason:
      "A booked slot belongs to an order kept for its counterpart: kept with the person's id replaced by the tombstone id (it holds times only, no text).",
  },
  service_offerings: {
    action: "DELETE",
    reason: "The person's own offers as a coach; nobody else's record refers to them.",
  },
  coach_profiles: {
    action: "DELETE",
    reason: "The person's matching rules as a coach; an erased coach grabs nothing.",
  },
  coach_levels: {
    action: "DELETE",
    reason: "ops's level for the person as a coach; ops keeps the ratings it was computed from.",
  },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  idempotency_keys: MECHANISM_TABLE_POLICIES.idempotency_keys!,
  saga_instances: MECHANISM_TABLE_POLICIES.saga_instances!,
  account_holds: MECHANISM_TABLE_POLICIES.account_holds!,
  erased_users: ERASED_USERS_POLICY,
};
