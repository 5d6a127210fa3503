import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";

// auth's part of a person's export: their account as stored, their sessions' metadata (never a token
// hash), their API keys' metadata (never a key hash), their coach applications and their erasure
// requests. auth holds no consents and no sign-in history beyond the sessions (failed sign-ins are events,
// not rows). The export records themselves are the export helper's (privacy/export).

const account = (tx: SqlExecutor, userId: string) =>
  tx.$queryRawUnsafe<unknown[]>(
    `SELECT "id"::text, "email", "display_name" AS "displayName", "roles"::text[] AS "roles",
            "status"::text AS "status", "created_at" AS "createdAt", "updated_at" AS "updatedAt"
       FROM "res_users" WHERE "id" = $1::uuid`,
    userId,
  );

const sessions = (tx: SqlExecutor, userId: string) =>
  tx.$queryRawUnsafe<unknown[]>(
    `SELECT s."id"::text, s."created_at" AS "createdAt",
            (SELECT max(t."created_at") FROM "auth_tokens" t WHERE t."session_id" = s."id") AS "lastUsedAt",
            s."user_agent" AS "userAgent", s."ip", s."revoked_at" AS "revokedAt", s."revoke_reason" AS "revokeReason"
       FROM "sessions" s WHERE s."account_id" = $1::uuid ORDER BY s."created_at", s."id"`,
    userId,
  );

const apiKeys = (tx: SqlExecutor, userId: string) =>
  tx.$queryRawUnsafe<unknown[]>(
    `SELECT "id"::text, "name", "prefix", "scopes", "rate_limit_per_minute" AS "rateLimitPerMinute",
            "created_at" AS "createdAt", "revoked_at" AS "revokedAt"
       FROM "api_keys" WHERE "owner_id" = $1::uuid ORDER BY "created_at", "id"`,
    userId,
  );

const coachApplications = (tx: SqlExecutor, userId: string) =>
  tx.$queryRawUnsafe<unknown[]>(
    `SELECT a."id"::text, a."specialties", a."regions", a."status"::text AS "status", a."created_at" AS "createdAt",
            a."decided_at" AS "decidedAt", a."rejection_reason" AS "rejectionReason",
            coalesce((SELECT json_agg(json_build_object('name', c."name", 'issuer', c."issuer",
                                                        'number', c."number", 'url', c."url") ORDER BY c."position")
                        FROM "coach_certificates" c WHERE c."application_id" = a."id"), '[]'::json) AS "certificates"
       FROM "coach_applications" a WHERE a."account_id" = $1::uuid ORDER BY a."created_at", a."id"`,
    userId,
  );

const erasureRequests = (tx: SqlExecutor, userId: string) =>
  tx.$queryRawUnsafe<unknown[]>(
    `SELECT "id"::text, "status"::text AS "status", "requested_at" AS "requestedAt",
            "scheduled_for" AS "scheduledFor", "cancelled_at" AS "cancelledAt"
       FROM "account_erasures" WHERE "user_id" = $1::uuid ORDER BY "requested_at", "id"`,
    userId,
  );

/** Everything auth holds about `userId`, section by section. */
export async function collectAuth(tx: SqlExecutor, userId: string): Promise<ExportSections> {
  return {
    account: await account(tx, userId),
    sessions: await sessions(tx, userId),
    apiKeys: await apiKeys(tx, userId),
    coachApplications: await coachApplications(tx, userId),
    erasureRequests: await erasureRequests(tx, userId),
  };
}
