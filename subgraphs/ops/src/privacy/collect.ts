import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import { storedIdsOf } from "../domain/audit/pseudonyms.ts";

const rows = (tx: SqlExecutor, sql: string, ...values: unknown[]) =>
  tx.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...values);

/**
 * Everything ops holds about a person (issue 13): ratings they gave and received, the orders behind
 * them, their certificates and level, their inbox and preferences, risk alerts, signals and holds about
 * them, the days analytics counted them, and the audit rows naming them as actor or subject.
 */
export async function collectOps(tx: SqlExecutor, userId: string): Promise<ExportSections> {
  return {
    ratingsGiven: await rows(
      tx,
      `SELECT "id"::text AS "id", "order_id"::text AS "orderId", "coach_id"::text AS "coachId", "score",
              "comment", "created_at" AS "createdAt"
         FROM "coach_ratings" WHERE "customer_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    ratingsReceived: await rows(
      tx,
      `SELECT "id"::text AS "id", "order_id"::text AS "orderId", "score", "comment", "created_at" AS "createdAt"
         FROM "coach_ratings" WHERE "coach_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    serviceOrders: await rows(
      tx,
      `SELECT "order_id"::text AS "orderId",
              CASE WHEN "coach_id" = $1::uuid THEN 'COACH' ELSE 'CUSTOMER' END AS "role",
              "customer_id"::text AS "customerId", "coach_id"::text AS "coachId",
              "assigned_at" AS "assignedAt", "completed_at" AS "completedAt"
         FROM "coach_orders" WHERE "customer_id" = $1::uuid OR "coach_id" = $1::uuid ORDER BY "order_id"`,
      userId,
    ),
    certificates: await rows(
      tx,
      `SELECT "id"::text AS "id", "name", "issuer", "number", "url", "status"::text AS "status",
              "reviewed_at" AS "reviewedAt", "rejection_reason" AS "rejectionReason", "created_at" AS "createdAt"
         FROM "coach_certificates" WHERE "coach_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    // ops keeps a coach's current level (each change went out as coach_level_changed), not a history.
    level: await rows(
      tx,
      `SELECT "level", "sequence", "completed_orders" AS "completedOrders", "ratings",
              "rating_total" AS "ratingTotal", "verified_certificates" AS "verifiedCertificates",
              "changed_at" AS "changedAt"
         FROM "coach_levels" WHERE "coach_id" = $1::uuid`,
      userId,
    ),
    notifications: await rows(
      tx,
      `SELECT "id"::text AS "id", "kind"::text AS "kind", "title", "body", "data", "actor_id"::text AS "actorId",
              "created_at" AS "createdAt", "read_at" AS "readAt"
         FROM "notifications" WHERE "recipient_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    notificationPreferences: await rows(
      tx,
      `SELECT "kind"::text AS "kind", "channel"::text AS "channel", "enabled", "updated_at" AS "updatedAt"
         FROM "notification_preferences" WHERE "user_id" = $1::uuid ORDER BY "kind", "channel"`,
      userId,
    ),
    outboundMessages: await rows(
      tx,
      `SELECT "id"::text AS "id", "channel"::text AS "channel", "kind"::text AS "kind", "title", "body", "status",
              "created_at" AS "createdAt"
         FROM "outbound_messages" WHERE "recipient_id" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    notificationsSent: await rows(
      tx,
      `SELECT "id"::text AS "id", "kind"::text AS "kind", "segment"::text AS "segment", "title", "body",
              "recipient_count" AS "recipientCount", "created_at" AS "createdAt"
         FROM "notification_sends" WHERE "sent_by" = $1::uuid ORDER BY "created_at", "id"`,
      userId,
    ),
    follows: await rows(
      tx,
      `SELECT "followee_id"::text AS "followeeId", "follower_id"::text AS "followerId", "following",
              "changed_at" AS "changedAt"
         FROM "notification_follows" WHERE "follower_id" = $1::uuid OR "followee_id" = $1::uuid
        ORDER BY "changed_at"`,
      userId,
    ),
    audience: await rows(
      tx,
      `SELECT "is_coach" AS "isCoach", "first_seen_at" AS "firstSeenAt"
         FROM "notification_audience" WHERE "user_id" = $1::uuid`,
      userId,
    ),
    riskAlerts: await rows(
      tx,
      `SELECT "id"::text AS "id", "rule", "severity"::text AS "severity", "status"::text AS "status", "summary",
              "count", "hold_id"::text AS "holdId", "first_seen_at" AS "firstSeenAt", "last_seen_at" AS "lastSeenAt",
              "resolved_at" AS "resolvedAt", "resolution"
         FROM "risk_alerts" WHERE "user_id" = $1::uuid OR "subject_key" = $1::text ORDER BY "created_at", "id"`,
      userId,
    ),
    riskSignals: await rows(
      tx,
      `SELECT "rule", "occurred_at" AS "occurredAt" FROM "risk_signals" WHERE "subject_key" = $1
        ORDER BY "occurred_at", "signal_key"`,
      userId,
    ),
    holds: await rows(
      tx,
      `SELECT "id"::text AS "id", "reason", "alert_id"::text AS "alertId", "held_at" AS "heldAt",
              "released_at" AS "releasedAt"
         FROM "risk_holds" WHERE "user_id" = $1::uuid ORDER BY "held_at", "id"`,
      userId,
    ),
    accountCreated: await rows(
      tx,
      `SELECT "created_at" AS "createdAt" FROM "risk_accounts" WHERE "user_id" = $1::uuid`,
      userId,
    ),
    activeDays: await rows(
      tx,
      `SELECT to_char("day", 'YYYY-MM-DD') AS "day", "role" FROM "analytics_day_users" WHERE "user_id" = $1
        ORDER BY "day", "role"`,
      userId,
    ),
    // The audit rows they did or that were about them (stored under their pseudonym), without details,
    // which can hold other people's data.
    auditEntries: await rows(
      tx,
      `SELECT "id"::text AS "id", "sequence"::text AS "sequence", "occurred_at" AS "occurredAt", "kind", "action",
              CASE WHEN "actor_id" = ANY($1::text[]) THEN 'ACTOR' ELSE 'SUBJECT' END AS "role",
              "subject_type" AS "subjectType",
              CASE WHEN "subject_id" = ANY($1::text[]) THEN $2 ELSE "subject_id" END AS "subjectId"
         FROM "audit_log"
        WHERE "actor_id" = ANY($1::text[]) OR ("subject_type" = 'User' AND "subject_id" = ANY($1::text[]))
        ORDER BY "audit_log"."sequence"`,
      await storedIdsOf(tx, userId),
      userId,
    ),
  };
}
