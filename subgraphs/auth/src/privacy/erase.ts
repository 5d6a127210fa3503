import type { SqlExecutor } from "@health/platform/events";
import type { ErasedSubject, ErasedTable } from "@health/platform/privacy";
import type { AuthDeps } from "../deps.ts";
import { markAccessRevoked } from "./revokeAccess.ts";

export type AuthErasureDeps = Pick<AuthDeps, "redis" | "config" | "exports">;

const tableExists = async (tx: SqlExecutor, table: string): Promise<boolean> => {
  const [row] = await tx.$queryRawUnsafe<Array<{ found: boolean }>>(
    `SELECT to_regclass($1) IS NOT NULL AS "found"`,
    `public.${table}`,
  );
  return row?.found === true;
};

/**
 * The person's data exports: the records, their parts, and the objects in the export store (the archive
 * and each subgraph's part). An export an erased admin asked for someone else keeps its row, with
 * `requested_by` replaced by the tombstone id. Skipped while the export tables do not exist yet.
 */
async function eraseExports(
  deps: AuthErasureDeps,
  tx: SqlExecutor,
  subject: ErasedSubject,
): Promise<ErasedTable[]> {
  if (!(await tableExists(tx, "data_exports"))) return [];
  const objects = await tx.$queryRawUnsafe<Array<{ name: string }>>(
    `SELECT "archive_object" AS "name" FROM "data_exports" WHERE "user_id" = $1::uuid AND "archive_object" IS NOT NULL
     UNION SELECT p."object_name" FROM "data_export_parts" p JOIN "data_exports" e ON e."id" = p."export_id"
      WHERE e."user_id" = $1::uuid`,
    subject.userId,
  );
  if (objects.length > 0) await deps.exports.delete(objects.map((object) => object.name));
  const parts = await tx.$executeRawUnsafe(
    `DELETE FROM "data_export_parts" WHERE "export_id" IN (SELECT "id" FROM "data_exports" WHERE "user_id" = $1::uuid)`,
    subject.userId,
  );
  const exports = await tx.$executeRawUnsafe(
    `DELETE FROM "data_exports" WHERE "user_id" = $1::uuid`,
    subject.userId,
  );
  const requested = await tx.$executeRawUnsafe(
    `UPDATE "data_exports" SET "requested_by" = $2::uuid WHERE "requested_by" = $1::uuid`,
    subject.userId,
    subject.tombstoneId,
  );
  return [
    { table: "data_export_parts", action: "DELETED", rows: parts },
    { table: "data_exports", action: "DELETED", rows: exports },
    ...(requested > 0 ? [{ table: "data_exports", action: "TOMBSTONED" as const, rows: requested }] : []),
  ];
}

/**
 * Erases the person from auth per AUTH_TABLES: the account and everything hanging off it go; the
 * erasure's own row stays as its proof, under the tombstone id with `user_id` cleared. Idempotent: a
 * second run finds nothing and counts zeros.
 */
export async function eraseAuth(
  deps: AuthErasureDeps,
  tx: SqlExecutor,
  subject: ErasedSubject,
): Promise<ErasedTable[]> {
  const { userId, tombstoneId } = subject;
  // The sweeper revoked the live sessions and keys when the erasure started; a sign-in racing it could
  // have started one more, so whatever is still live is marked revoked before its row goes.
  await markAccessRevoked(deps, tx, userId);
  const count = (table: string, sql: string, ...values: unknown[]) =>
    tx.$executeRawUnsafe(sql, userId, ...values).then((rows) => ({ table, rows }));

  const tokens = await count(
    "auth_tokens",
    `DELETE FROM "auth_tokens" WHERE "session_id" IN (SELECT "id" FROM "sessions" WHERE "account_id" = $1::uuid)`,
  );
  const sessions = await count("sessions", `DELETE FROM "sessions" WHERE "account_id" = $1::uuid`);
  const apiKeys = await count("api_keys", `DELETE FROM "api_keys" WHERE "owner_id" = $1::uuid`);
  const certificates = await count(
    "coach_certificates",
    `DELETE FROM "coach_certificates"
      WHERE "application_id" IN (SELECT "id" FROM "coach_applications" WHERE "account_id" = $1::uuid)`,
  );
  const applications = await count(
    "coach_applications",
    `DELETE FROM "coach_applications" WHERE "account_id" = $1::uuid`,
  );
  const decided = await count(
    "coach_applications",
    `UPDATE "coach_applications" SET "decided_by" = $2::uuid WHERE "decided_by" = $1::uuid`,
    tombstoneId,
  );
  const exports = await eraseExports(deps, tx, subject);
  const account = await count("res_users", `DELETE FROM "res_users" WHERE "id" = $1::uuid`);
  // Requests the person cancelled (or one still pending) are theirs alone; the erasure's row is the proof.
  const requests = await count(
    "account_erasures",
    `DELETE FROM "account_erasures" WHERE "user_id" = $1::uuid AND "status" IN ('PENDING', 'CANCELLED')`,
  );
  const proof = await count(
    "account_erasures",
    `UPDATE "account_erasures" SET "user_id" = NULL WHERE "user_id" = $1::uuid`,
  );

  const deleted = (...tables: Array<{ table: string; rows: number }>): ErasedTable[] =>
    tables.map(({ table, rows }) => ({ table, action: "DELETED", rows }));
  return [
    ...deleted(tokens, sessions, apiKeys, certificates, applications),
    ...(decided.rows > 0 ? [{ ...decided, action: "TOMBSTONED" as const }] : []),
    ...exports,
    ...deleted(account, requests),
    { ...proof, action: "TOMBSTONED" },
  ];
}
