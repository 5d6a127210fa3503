import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/** What erasure does to each table of content's database, and why (the documentation of what is kept). */
export const CONTENT_TABLES: Record<string, TablePolicy> = {
  posts: {
    action: "DELETE",
    reason:
      "The person's posts are their own content: deleted with their comments, likes and reports (and so out of search); like and report counts on other posts they touched are corrected.",
  },
  comments: {
    action: "DELETE",
    reason: "The person's comments are their own content; comments on their deleted posts go with the post.",
  },
  post_likes: {
    action: "DELETE",
    reason: "Likes the person gave are deleted and each liked post's like_count lowered by one.",
  },
  post_reports: {
    action: "DELETE",
    reason:
      "Reports the person filed are deleted; an open one is taken off its post's open_reports so the count stays the number of distinct open reporters.",
  },
  questions: {
    action: "DELETE",
    reason:
      "The person's questions are their own content: deleted with their answers (and so out of search). A bounty still REQUESTED or HELD is first returned per the bounty saga's own rules (its saga aborted: bounty_return_requested tells finance to give the points back to the asker's ledger, which finance keeps under the tombstone id); a bounty already PAID or RETURNED is settled in finance's ledger.",
  },
  answers: {
    action: "DELETE",
    reason:
      "The person's answers are their own content: deleted with their votes; each question they answered has its accepted answer cleared if it was theirs and its search text (answers_text, search_vector) rewritten without them.",
  },
  answer_votes: {
    action: "DELETE",
    reason: "Votes the person gave are deleted and each voted answer's score recomputed from the votes left.",
  },
  courses: {
    action: "TOMBSTONE",
    reason:
      "A course of the person's as coach that anyone bought stays for its buyers (they paid for it; finance's payments and the seller's sales refer to it) with its author replaced by the tombstone id (courses hold no author name), withdrawn from sale, listings and search so nobody new pays an erased author; a course nobody bought is deleted with its lessons.",
  },
  lessons: {
    action: "TOMBSTONE",
    reason:
      "The lessons of a kept course are what its buyers paid for and stay with it; the lessons of a deleted course go with it.",
  },
  course_purchases: {
    action: "TOMBSTONE",
    reason:
      "A purchase is the seller's sales record and finance's payment refers to it: kept with the buyer's id (and the open_key that holds it) replaced by the tombstone id; a PENDING one finishes under the tombstone.",
  },
  moderation_cases: {
    action: "DELETE",
    reason:
      "Open cases about items erasure deleted go with them (a case is kinds and ids, and the listed words tripped).",
  },
  moderation_words: {
    action: "TOMBSTONE",
    reason:
      "The platform's word list stays in force; a word the person added as an admin keeps its added_by as the tombstone id.",
  },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  idempotency_keys: MECHANISM_TABLE_POLICIES.idempotency_keys!,
  saga_instances: MECHANISM_TABLE_POLICIES.saga_instances!,
  erased_users: ERASED_USERS_POLICY,
};
