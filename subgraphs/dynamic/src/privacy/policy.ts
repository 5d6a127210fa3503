import { MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** What erasure does to each table of the dynamic database, and why (the documentation of what is kept). */
export const DYNAMIC_TABLES: Record<string, TablePolicy> = {
  activities: {
    action: "ANONYMISE",
    reason:
      "The person's activities go (health-derived ones included), and with them every place they showed in other people's feeds; another person's activity that names them as its target stays (it is the other person's) with the target cleared.",
  },
  activity_likes: {
    action: "DELETE",
    reason:
      "The person's likes go and the liked activities' like counts drop by them; likes on the person's own activities go with those activities.",
  },
  follows: {
    action: "DELETE",
    reason:
      "Follows in both directions go; follower and following counts are counted from these rows, so they drop at once.",
  },
  feed_preferences: { action: "DELETE", reason: "The person's own feed settings." },
  shared_activity_reads: {
    action: "TOMBSTONE",
    reason:
      "Reads of the person's shared health activities go with them; the person's reads of someone else's stay with the reader replaced by the tombstone id: the other person keeps the right to know their health activity was seen.",
  },
  erased_users: {
    action: "NONE",
    reason:
      "A one-way SHA-256 of each erased person's id, never the id: it makes the erased User resolve to nothing and keeps events about them that arrive late from making new activities.",
  },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
};
