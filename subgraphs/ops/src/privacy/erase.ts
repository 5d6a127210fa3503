import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import { anonymised, deleted, rememberErasure, tombstoned } from "@health/platform/privacy";
import { eraseAuditSubject } from "../domain/audit/pseudonyms.ts";

/**
 * Erases a person from ops per `OPS_TABLES` (policy.ts): their own rows deleted, the rows a coach's
 * level, a fraud investigation or another person's inbox needs kept under the tombstone id, and their
 * audit pseudonym's mapping deleted. Idempotent: a second run finds nothing and counts zeros.
 */
export async function eraseOps(tx: SqlExecutor, subject: ErasedSubject): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(tx, subject.userId);
  const { userId, tombstoneId } = subject;
  // $1 the person; $2 their tombstone, in the statements that keep rows.
  const remove = (sql: string) => tx.$executeRawUnsafe(sql, userId);
  const run = (sql: string) => tx.$executeRawUnsafe(sql, userId, tombstoneId);
  const replaced = (column: string) => `replace(${column}, $1::text, $2::text)`;
  const inJson = (column: string) => `replace(${column}::text, $1::text, $2::text)::jsonb`;

  return [
    deleted("coach_ratings", await remove(`DELETE FROM "coach_ratings" WHERE "coach_id" = $1::uuid`)),
    tombstoned(
      "coach_ratings",
      await run(
        `UPDATE "coach_ratings" SET "customer_id" = $2::uuid, "comment" = '' WHERE "customer_id" = $1::uuid`,
      ),
    ),
    deleted("coach_orders", await remove(`DELETE FROM "coach_orders" WHERE "coach_id" = $1::uuid`)),
    tombstoned(
      "coach_orders",
      await run(`UPDATE "coach_orders" SET "customer_id" = $2::uuid WHERE "customer_id" = $1::uuid`),
    ),
    deleted(
      "coach_certificates",
      await remove(`DELETE FROM "coach_certificates" WHERE "coach_id" = $1::uuid`),
    ),
    tombstoned(
      "coach_certificates",
      await run(`UPDATE "coach_certificates" SET "reviewed_by" = $2::uuid WHERE "reviewed_by" = $1::uuid`),
    ),
    deleted("coach_levels", await remove(`DELETE FROM "coach_levels" WHERE "coach_id" = $1::uuid`)),
    deleted("notifications", await remove(`DELETE FROM "notifications" WHERE "recipient_id" = $1::uuid`)),
    tombstoned(
      "notifications",
      await run(
        `UPDATE "notifications" SET "actor_id" = CASE WHEN "actor_id" = $1::uuid THEN $2::uuid ELSE "actor_id" END,
                "data" = ${inJson(`"data"`)}
          WHERE "actor_id" = $1::uuid OR "data"::text LIKE '%' || $1::text || '%'`,
      ),
    ),
    deleted(
      "notification_preferences",
      await remove(`DELETE FROM "notification_preferences" WHERE "user_id" = $1::uuid`),
    ),
    deleted(
      "outbound_messages",
      await remove(`DELETE FROM "outbound_messages" WHERE "recipient_id" = $1::uuid`),
    ),
    deleted(
      "notification_audience",
      await remove(`DELETE FROM "notification_audience" WHERE "user_id" = $1::uuid`),
    ),
    deleted(
      "notification_follows",
      await remove(
        `DELETE FROM "notification_follows" WHERE "follower_id" = $1::uuid OR "followee_id" = $1::uuid`,
      ),
    ),
    anonymised(
      "notification_sends",
      await run(
        `UPDATE "notification_sends" SET
                "coach_id" = CASE WHEN "coach_id" = $1::uuid THEN $2::uuid ELSE "coach_id" END,
                "user_ids" = array_replace("user_ids", $1::uuid, $2::uuid),
                "actor_id" = CASE WHEN "actor_id" = $1::uuid THEN $2::uuid ELSE "actor_id" END,
                "sent_by" = CASE WHEN "sent_by" = $1::uuid THEN $2::uuid ELSE "sent_by" END,
                "cursor" = CASE WHEN "cursor" = $1::uuid THEN $2::uuid ELSE "cursor" END,
                "data" = ${inJson(`"data"`)}
          WHERE $1::uuid IN ("coach_id", "actor_id", "sent_by", "cursor") OR $1::uuid = ANY("user_ids")
             OR "data"::text LIKE '%' || $1::text || '%'`,
      ),
    ),
    tombstoned(
      "risk_alerts",
      await run(
        `UPDATE "risk_alerts" SET
                "user_id" = CASE WHEN "user_id" = $1::uuid THEN $2::uuid ELSE "user_id" END,
                "subject_key" = ${replaced(`"subject_key"`)},
                "open_key" = ${replaced(`"open_key"`)},
                "summary" = ${replaced(`"summary"`)},
                "resolution" = CASE WHEN "user_id" = $1::uuid OR "subject_key" = $1::text THEN NULL
                                    ELSE "resolution" END,
                "acknowledged_by" = CASE WHEN "acknowledged_by" = $1::uuid THEN $2::uuid ELSE "acknowledged_by" END,
                "resolved_by" = CASE WHEN "resolved_by" = $1::uuid THEN $2::uuid ELSE "resolved_by" END
          WHERE "user_id" = $1::uuid OR "subject_key" = $1::text OR "acknowledged_by" = $1::uuid
             OR "resolved_by" = $1::uuid OR "summary" LIKE '%' || $1::text || '%'`,
      ),
    ),
    deleted("risk_signals", await remove(`DELETE FROM "risk_signals" WHERE "subject_key" = $1::text`)),
    deleted("risk_accounts", await remove(`DELETE FROM "risk_accounts" WHERE "user_id" = $1::uuid`)),
    tombstoned(
      "risk_holds",
      await run(
        `UPDATE "risk_holds" SET
                "user_id" = CASE WHEN "user_id" = $1::uuid THEN $2::uuid ELSE "user_id" END,
                "held_by" = CASE WHEN "held_by" = $1::uuid THEN $2::uuid ELSE "held_by" END,
                "released_by" = CASE WHEN "released_by" = $1::uuid THEN $2::uuid ELSE "released_by" END,
                "reason" = ${replaced(`"reason"`)}
          WHERE $1::uuid IN ("user_id", "held_by", "released_by") OR "reason" LIKE '%' || $1::text || '%'`,
      ),
    ),
    tombstoned(
      "analytics_day_users",
      await run(`UPDATE "analytics_day_users" SET "user_id" = $2::text WHERE "user_id" = $1::text`),
    ),
    deleted("audit_subjects", await eraseAuditSubject(tx, subject)),
  ];
}
