import { MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** The export helper's tables (issue 13's export orchestration), named here so erasure covers them too. */
export const EXPORT_TABLES = ["data_exports", "data_export_parts"] as const;

/** What erasure does to every table of auth's database, and why (the documentation of what is kept). */
export const AUTH_TABLES: Record<string, TablePolicy> = {
  res_users: {
    action: "DELETE",
    reason:
      "The account itself (email, display name, password hash, roles): nothing needs it once its owner is gone.",
  },
  sessions: {
    action: "DELETE",
    reason:
      "The person's sign-ins (address, user agent); each is revoked in Redis before it goes, so no token outlives it.",
  },
  auth_tokens: {
    action: "DELETE",
    reason: "Hashes of the person's refresh tokens; their sessions are gone and so are they.",
  },
  api_keys: {
    action: "DELETE",
    reason:
      "Partner keys the person owned; each is marked revoked in Redis first, so the router refuses it at once.",
  },
  coach_applications: {
    action: "DELETE",
    reason:
      "The person's own applications are deleted; where the person was the admin who decided someone else's, decided_by is replaced by the tombstone id (the applicant keeps the decision, not who made it).",
  },
  coach_certificates: {
    action: "DELETE",
    reason: "Certificates listed in the person's applications go with them.",
  },
  permissions: { action: "NONE", reason: "What each role may do: reference data, about no one." },
  signing_keys: { action: "NONE", reason: "The keys auth signs tokens with: about no one." },
  account_erasures: {
    action: "TOMBSTONE",
    reason:
      "Proof that the erasure was asked for and done (PIPL Art. 47): the erasure's own row stays with its times and tombstone id and user_id cleared; the person's cancelled or still pending requests are deleted.",
  },
  account_erasure_acks: {
    action: "NONE",
    reason: "Each subgraph's counts per table for an erasure, keyed by the erasure id: they name no one.",
  },
  data_exports: {
    action: "DELETE",
    reason:
      "The person's exports: the records and their archives in the export store go (an export is a copy of their data).",
  },
  data_export_parts: {
    action: "DELETE",
    reason:
      "Each subgraph's part of the person's exports, and the part objects in the export store, go with the exports.",
  },
  // auth's database has the outbox and inbox only (no idempotency keys, sagas or risk holds).
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
};
