import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import { deleted, rememberErasure, tombstoned } from "@health/platform/privacy";

/** A membership someone paid for: finance's payment refers to it, so it stays (tombstoned). */
const PAID = `"amount" > 0 AND "status" <> 'FAILED'`;

/**
 * Erases a person from biz per `BIZ_TABLES` (policy.ts): their chat lines, free memberships, follows and
 * own workbench deleted; what others or finance need (paid memberships, the groups and streams others
 * joined, orders and gifts counted in a coach's income) kept under the tombstone id with their free text
 * cleared. Member counts and followers' totals are counted from these rows, so they drop with them.
 * Idempotent: a second run finds nothing and counts zeros.
 */
export async function eraseBiz(tx: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(tx, subject.userId);
  const { userId, tombstoneId } = subject;
  // $1 the person; $2 their tombstone, in the statements that keep rows.
  const remove = (sql: string) => tx.$executeRawUnsafe(sql, userId);
  const keep = (sql: string) => tx.$executeRawUnsafe(sql, userId, tombstoneId);

  return [
    deleted("chat_messages", await remove(`DELETE FROM "chat_messages" WHERE "sender_id" = $1::uuid`)),
    tombstoned(
      "chat_messages",
      await keep(`UPDATE "chat_messages" SET "deleted_by_id" = $2::uuid WHERE "deleted_by_id" = $1::uuid`),
    ),
    deleted("chat_members", await remove(`DELETE FROM "chat_members" WHERE "user_id" = $1::uuid`)),
    deleted(
      "community_members",
      await remove(`DELETE FROM "community_members" WHERE "user_id" = $1::uuid AND NOT (${PAID})`),
    ),
    tombstoned(
      "community_members",
      await keep(
        `UPDATE "community_members" SET "user_id" = $2::uuid, "open_key" = NULL, "failure" = NULL,
                "status" = CASE WHEN "status" = 'ACTIVE' THEN 'LEFT'::"MembershipStatus" ELSE "status" END
          WHERE "user_id" = $1::uuid`,
      ),
    ),
    tombstoned(
      "community_groups",
      await keep(
        `UPDATE "community_groups" SET "owner_id" = $2::uuid, "description" = '', "updated_at" = now()
          WHERE "owner_id" = $1::uuid`,
      ),
    ),
    tombstoned(
      "live_streams",
      await keep(
        `UPDATE "live_streams" SET "host_id" = $2::uuid, "description" = NULL,
                "status" = 'ENDED', "ended_at" = CASE WHEN "status" = 'ENDED' THEN "ended_at" ELSE now() END
          WHERE "host_id" = $1::uuid`,
      ),
    ),
    deleted("workbench_orders", await remove(`DELETE FROM "workbench_orders" WHERE "coach_id" = $1::uuid`)),
    tombstoned(
      "workbench_orders",
      await keep(`UPDATE "workbench_orders" SET "customer_id" = $2::uuid WHERE "customer_id" = $1::uuid`),
    ),
    deleted("workbench_gifts", await remove(`DELETE FROM "workbench_gifts" WHERE "recipient_id" = $1::uuid`)),
    tombstoned(
      "workbench_gifts",
      await keep(`UPDATE "workbench_gifts" SET "sender_id" = $2::uuid WHERE "sender_id" = $1::uuid`),
    ),
    deleted(
      "workbench_followers",
      await remove(
        `DELETE FROM "workbench_followers" WHERE "coach_id" = $1::uuid OR "follower_id" = $1::uuid`,
      ),
    ),
    deleted(
      "workbench_follow_changes",
      await remove(
        `DELETE FROM "workbench_follow_changes" WHERE "coach_id" = $1::uuid OR "follower_id" = $1::uuid`,
      ),
    ),
    deleted(
      "workbench_course_sales",
      await remove(`DELETE FROM "workbench_course_sales" WHERE "author_id" = $1::uuid`),
    ),
    deleted(
      "performance_reports",
      await remove(`DELETE FROM "performance_reports" WHERE "business_id" = $1::uuid`),
    ),
  ];
}
