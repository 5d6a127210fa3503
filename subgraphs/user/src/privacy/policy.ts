import { MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** What erasure does to each table of the user database, and why (the documentation of what is kept). */
export const USER_TABLES: Record<string, TablePolicy> = {
  health_records: {
    action: "DELETE",
    reason:
      "The person's own measurements (typed or synced from a device): health data nobody else may keep.",
  },
  health_actions: { action: "DELETE", reason: "The person's own workouts, meals, medication and notes." },
  health_goals: { action: "DELETE", reason: "The person's own goals, achieved or not." },
  device_bindings: { action: "DELETE", reason: "The person's own devices; nobody else uses the binding." },
  assessments: {
    action: "DELETE",
    reason: "The person's own assessments and the inputs that produced them.",
  },
  consent_grants: {
    action: "DELETE",
    reason:
      "Grants the person gave go with the data they opened; grants others gave to the person (as a coach) go too, since an erased account can never use them.",
  },
  ai_consent_grants: { action: "DELETE", reason: "The person's own consents to ai's analysis." },
  health_data_access_log: {
    action: "TOMBSTONE",
    reason:
      "Reads of the person's own data are deleted with it; reads the person made of someone else's data stay, their id replaced by the tombstone id: the other person keeps the right to know their data was read (PIPL Art. 45, ARCHITECTURE rule 4).",
  },
  erased_users: {
    action: "NONE",
    reason:
      "A one-way SHA-256 of each erased person's id, never the id: it makes the erased User resolve to nothing and keeps reads of them from being served or logged again.",
  },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
};
