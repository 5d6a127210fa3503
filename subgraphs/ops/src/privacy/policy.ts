import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

const { outbox_events, inbox_events } = MECHANISM_TABLE_POLICIES;

/** What erasing a person does to every table of ops's database, and why (issue 13). */
export const OPS_TABLES: Record<string, TablePolicy> = {
  outbox_events: outbox_events!,
  inbox_events: inbox_events!,
  coach_orders: {
    action: "TOMBSTONE",
    reason:
      "Orders they coached are deleted with their level; orders they bought keep the tombstone id as customer, since the coach's completed-order count (their level) was computed from them.",
  },
  coach_ratings: {
    action: "TOMBSTONE",
    reason:
      "Ratings they received as a coach are deleted; ratings they gave keep their score under the tombstone id as rater, comment cleared, because the coach's level and rating average were computed from them and must stay.",
  },
  coach_certificates: {
    action: "DELETE",
    reason:
      "Their certificates are deleted with their coach profile; a certificate they reviewed as an admin keeps the tombstone id as reviewer (the coach's verification stands).",
  },
  coach_levels: { action: "DELETE", reason: "Their own coach level and its basis: nobody else needs it." },
  notifications: {
    action: "DELETE",
    reason:
      "Their inbox is deleted; another person's notification they caused (a follow, a gift) keeps the tombstone id as actor.",
  },
  notification_preferences: { action: "DELETE", reason: "Their own choices of channels." },
  outbound_messages: { action: "DELETE", reason: "Push, SMS and e-mail messages addressed to them." },
  notification_audience: {
    action: "DELETE",
    reason: "That they exist and are a coach: the segments' reach.",
  },
  notification_follows: {
    action: "DELETE",
    reason: "Their follows, either side: a projection of dynamic's, which erases its own.",
  },
  notification_sends: {
    action: "ANONYMISE",
    reason:
      "A fan-out they were a recipient, the followed coach or the sender of stays as the record of what others received, with their id replaced by the tombstone id.",
  },
  audit_log: {
    action: "TOMBSTONE",
    reason:
      "Kept unchanged: its user ids are pseudonyms from the start; erasure deletes the mapping, so the pseudonym becomes a tombstone no one can link back. An admin's note recorded with their action (a resolution) stays as the admin's words; rows written before pseudonyms keep raw ids (the hash chain forbids rewriting either).",
  },
  audit_subjects: {
    action: "DELETE",
    reason: "The person's pseudonym mapping: deleting it is the audit log's erasure.",
  },
  audit_erased_subjects: {
    action: "TOMBSTONE",
    reason:
      "Written by erasure: a one-way hash of the erased id and its tombstone id, so an event about them audited later is written under the tombstone, never a new linkable pseudonym.",
  },
  audit_chain_head: { action: "NONE", reason: "The chain's newest sequence number and hash only." },
  analytics_days: { action: "NONE", reason: "Daily counters only: no person in them." },
  analytics_gmv: { action: "NONE", reason: "Daily paid totals per currency only: no person in them." },
  analytics_day_users: {
    action: "TOMBSTONE",
    reason:
      "The days they were active, a shop buyer or an ad clicker keep the tombstone id, so distinct-user figures of past periods stay exact without naming them.",
  },
  risk_alerts: {
    action: "TOMBSTONE",
    reason:
      "Fraud investigation records: alerts about them keep the tombstone id as subject, the operator's resolution note cleared; one they handled as an admin keeps the tombstone id as handler.",
  },
  risk_signals: { action: "DELETE", reason: "Their counted signals inside the rules' short windows." },
  risk_accounts: { action: "DELETE", reason: "When their account was created, for the new-account rule." },
  risk_holds: {
    action: "TOMBSTONE",
    reason:
      "Fraud investigation records: holds on their account (and the alerts citing them) keep the tombstone id; a hold they placed or released as an admin keeps it as that admin.",
  },
  erased_users: {
    ...ERASED_USERS_POLICY,
    reason: `${ERASED_USERS_POLICY.reason} The audit consumer is the exception: it still appends a late event (the chain must hold every event), with the person under their tombstone from audit_erased_subjects and no new audit_subjects mapping; every other ops consumer makes nothing.`,
  },
};
