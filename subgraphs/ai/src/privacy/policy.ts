import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

/**
 * What erasure does to each table of ai's database, and why. ai keeps nothing a counterpart, the ledger
 * or the law needs: its rows are the person's own requests and projections computed about them, rebuilt
 * from other subgraphs' events, so everything about the person is deleted. Health insights are computed
 * on request and never stored, and the AI consent lives in user's database: neither has a table here.
 */
export const AI_TABLES: Record<string, TablePolicy> = {
  generation_tasks: {
    action: "DELETE",
    reason:
      "The person's own generation requests (their input, the text written for them); a task still QUEUED or RUNNING goes too, and its worker is told to stop, so it never runs afterwards.",
  },
  published_content: {
    action: "DELETE",
    reason:
      "Titles of the person's published courses and articles, kept only to fill the local provider's templates; content deletes the originals.",
  },
  risk_observations: {
    action: "DELETE",
    reason:
      "The person's grabs, payments and gifts as the risk model observed them; finance and trade keep the records the ledger needs.",
  },
  risk_scores: {
    action: "DELETE",
    reason: "A score computed about the person; an erased account does nothing a score could warn about.",
  },
  matching_coach_profiles: {
    action: "DELETE",
    reason:
      "The person's matching rules as a coach (a projection of trade's profile): deleted so smart matching never recommends them again.",
  },
  matching_coach_levels: {
    action: "DELETE",
    reason: "The person's level as a coach (a projection of ops's levels), used only to rank them.",
  },
  matching_ratings: {
    action: "DELETE",
    reason:
      "Scores the person received as a coach, used only to rank them; the rater is never stored here, and ops keeps the ratings themselves.",
  },
  matching_orders: {
    action: "DELETE",
    reason:
      "Which orders the person served as a coach and how they ended, used only for their load and completion rate; trade keeps the orders.",
  },
  outbox_events: MECHANISM_TABLE_POLICIES.outbox_events!,
  inbox_events: MECHANISM_TABLE_POLICIES.inbox_events!,
  erased_users: ERASED_USERS_POLICY,
};
