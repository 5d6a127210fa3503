import { ERASED_USERS_POLICY, MECHANISM_TABLE_POLICIES, type TablePolicy } from "@health/platform/privacy";

const { outbox_events, inbox_events, idempotency_keys, saga_instances, account_holds } =
  MECHANISM_TABLE_POLICIES;

/** What erasing a person does to every table of biz's database, and why (issue 13). */
export const BIZ_TABLES: Record<string, TablePolicy> = {
  outbox_events: outbox_events!,
  inbox_events: inbox_events!,
  idempotency_keys: idempotency_keys!,
  saga_instances: saga_instances!,
  account_holds: account_holds!,
  chat_messages: {
    action: "DELETE",
    reason:
      "The chat lines they sent (gift lines included) are deleted, so no room's history or replay shows them; a line they removed as a moderator keeps the tombstone id as remover.",
  },
  chat_members: { action: "DELETE", reason: "Their standing in rooms (moderator, muted, banned)." },
  chat_rooms: {
    action: "NONE",
    reason: "A room's slow mode and message counter: keyed by stream, no person.",
  },
  community_groups: {
    action: "TOMBSTONE",
    reason:
      "A group they own stays for its members (some paid to join) under the tombstone id as owner, with its name and price; the owner's free-text description is cleared.",
  },
  community_members: {
    action: "TOMBSTONE",
    reason:
      "Their memberships are deleted (member counts drop with them); a paid one stays under the tombstone id, no longer active, because finance's payment refers to it (community_membership:<id>).",
  },
  live_streams: {
    action: "TOMBSTONE",
    reason:
      "A stream they host stays under the tombstone id with its title, as the room others chatted in; its description is cleared and a scheduled or live one is ended.",
  },
  workbench_orders: {
    action: "TOMBSTONE",
    reason:
      "Orders they coached are deleted with their workbench; orders they bought keep the tombstone id as customer, because the coach's income and completion figures count them.",
  },
  workbench_gifts: {
    action: "TOMBSTONE",
    reason:
      "Gifts they received are deleted with their workbench; gifts they sent keep the tombstone id as sender, because the recipient's income counts them.",
  },
  workbench_followers: {
    action: "DELETE",
    reason: "Their follows, either side (a projection of dynamic's): followers' totals drop with them.",
  },
  workbench_follow_changes: {
    action: "DELETE",
    reason: "Their follows and unfollows, either side: a projection of dynamic's, which erases its own.",
  },
  workbench_course_sales: {
    action: "DELETE",
    reason:
      "Sales of courses they authored, for their own workbench (content and finance keep the purchases).",
  },
  performance_reports: { action: "DELETE", reason: "Reports about their own business." },
  erased_users: ERASED_USERS_POLICY,
};
