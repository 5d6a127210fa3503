import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";

const rows = (tx: SqlExecutor, sql: string, userId: string) =>
  tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, userId);

/**
 * Everything biz holds about a person (issue 13): the chat lines they sent and their standing in rooms,
 * their memberships, the groups they own and the streams they host, and their workbench: orders (as
 * coach or customer), gifts (sent or received), follows (either side), course sales and reports.
 */
export async function collectBiz(tx: SqlExecutor, userId: string): Promise<ExportSections> {
  return {
    chatMessages: await rows(
      tx,
      `SELECT "id"::text AS "id", "stream_id"::text AS "streamId", "kind"::text AS "kind", "text",
              "created_at" AS "createdAt", "deleted_at" AS "deletedAt"
         FROM "chat_messages" WHERE "sender_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    chatStanding: await rows(
      tx,
      `SELECT "stream_id"::text AS "streamId", "moderator", "muted_until" AS "mutedUntil", "banned_at" AS "bannedAt"
         FROM "chat_members" WHERE "user_id" = $1::uuid ORDER BY "stream_id"`,
      userId,
    ),
    memberships: await rows(
      tx,
      `SELECT "id"::text AS "id", "community_id"::text AS "communityId", "role"::text AS "role",
              "status"::text AS "status", "amount", "currency", "failure", "created_at" AS "createdAt"
         FROM "community_members" WHERE "user_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    communitiesOwned: await rows(
      tx,
      `SELECT "id"::text AS "id", "name", "description", "price_amount" AS "priceAmount", "currency",
              "created_at" AS "createdAt"
         FROM "community_groups" WHERE "owner_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    liveStreamsHosted: await rows(
      tx,
      `SELECT "id"::text AS "id", "title", "description", "status"::text AS "status", "scheduled_at" AS "scheduledAt",
              "started_at" AS "startedAt", "ended_at" AS "endedAt"
         FROM "live_streams" WHERE "host_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    serviceOrders: await rows(
      tx,
      `SELECT "order_id"::text AS "orderId", CASE WHEN "coach_id" = $1::uuid THEN 'COACH' ELSE 'CUSTOMER' END AS "role",
              "price_amount" AS "priceAmount", "currency", "assigned_at" AS "assignedAt",
              "completed_at" AS "completedAt", "cancelled_at" AS "cancelledAt",
              CASE WHEN "coach_id" = $1::uuid THEN "payout_amount" END AS "payoutAmount",
              CASE WHEN "coach_id" = $1::uuid THEN "settled_at" END AS "settledAt"
         FROM "workbench_orders" WHERE "coach_id" = $1::uuid OR "customer_id" = $1::uuid ORDER BY "order_id"`,
      userId,
    ),
    gifts: await rows(
      tx,
      `SELECT "gift_order_id"::text AS "giftOrderId",
              CASE WHEN "sender_id" = $1::uuid THEN 'SENT' ELSE 'RECEIVED' END AS "direction",
              "sender_id"::text AS "senderId", "recipient_id"::text AS "recipientId", "gift_id" AS "giftId",
              "quantity", "amount", "currency", "sent_at" AS "sentAt"
         FROM "workbench_gifts" WHERE "sender_id" = $1::uuid OR "recipient_id" = $1::uuid
        ORDER BY "sent_at", "gift_order_id"`,
      userId,
    ),
    follows: await rows(
      tx,
      `SELECT "coach_id"::text AS "coachId", "follower_id"::text AS "followerId", "following", "changed_at" AS "changedAt"
         FROM "workbench_followers" WHERE "coach_id" = $1::uuid OR "follower_id" = $1::uuid
        ORDER BY "changed_at", "coach_id", "follower_id"`,
      userId,
    ),
    followChanges: await rows(
      tx,
      `SELECT "event_id"::text AS "eventId", "coach_id"::text AS "coachId", "follower_id"::text AS "followerId",
              "kind"::text AS "kind", "at"
         FROM "workbench_follow_changes" WHERE "coach_id" = $1::uuid OR "follower_id" = $1::uuid
        ORDER BY "at", "event_id"`,
      userId,
    ),
    courseSales: await rows(
      tx,
      `SELECT "purchase_id"::text AS "purchaseId", "course_id"::text AS "courseId", "amount", "currency",
              "purchased_at" AS "purchasedAt"
         FROM "workbench_course_sales" WHERE "author_id" = $1::uuid ORDER BY "purchased_at", "purchase_id"`,
      userId,
    ),
    performanceReports: await rows(
      tx,
      `SELECT "id"::text AS "id", "period_from" AS "periodFrom", "period_to" AS "periodTo", "summary", "metrics",
              "created_at" AS "createdAt"
         FROM "performance_reports" WHERE "business_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
  };
}
