import { createHash } from "node:crypto";
import type { SqlExecutor } from "../events/sql.ts";
import type { TablePolicy } from "./subgraphPrivacy.ts";

/**
 * How a subgraph remembers an erased person: the SHA-256 of their id, never the id (after erasure the id
 * appears nowhere in its database). Ids are random uuids, so the hash tells only someone who already
 * holds an id whether it was erased. The table (`erased_users`: `id_sha256` text primary key,
 * `erased_at`) is the subgraph's own, made by its migration.
 */
export const erasedUserKey = (userId: string): string =>
  createHash("sha256").update(userId.toLowerCase()).digest("hex");

/** The table as every subgraph's migration makes it (new:subgraph's and the test databases' too). */
export const ERASED_USERS_TABLE_SQL = `CREATE TABLE "erased_users" (
    "id_sha256" TEXT NOT NULL,
    "erased_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "erased_users_pkey" PRIMARY KEY ("id_sha256")
);
`;

/** The `erased_users` entry of a subgraph's erasure policy. */
export const ERASED_USERS_POLICY: TablePolicy = {
  action: "NONE",
  reason:
    "Hashes of erased people's ids, so a late event or a reference cannot bring one back; holds no id, name or text.",
};

// One advisory lock per person (by their hash): an erasure takes it exclusively, a handler checking a late
// event shares it until its commit, so neither reads the other's half-done work (README "late events").
const LOCK = (mode: "" | "_shared") =>
  `SELECT pg_advisory_xact_lock${mode}(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k ORDER BY k`;

/**
 * Remembers that `userId` was erased (idempotent), in the erasure's transaction, before it erases: it
 * waits for the handlers in flight that name the person and turns away every later one. A subgraph whose
 * late events must still post under the tombstone (finance's ledger) passes `tombstoneId`, kept in its
 * `erased_users.tombstone_id` column (which only such a subgraph has).
 */
export async function rememberErasure(tx: SqlExecutor, userId: string, tombstoneId?: string): Promise<void> {
  await tx.$executeRawUnsafe(LOCK(""), [erasedUserKey(userId)]);
  if (tombstoneId === undefined) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "erased_users" ("id_sha256") VALUES ($1) ON CONFLICT ("id_sha256") DO NOTHING`,
      erasedUserKey(userId),
    );
    return;
  }
  await tx.$executeRawUnsafe(
    `INSERT INTO "erased_users" ("id_sha256", "tombstone_id") VALUES ($1, $2::uuid)
     ON CONFLICT ("id_sha256") DO NOTHING`,
    erasedUserKey(userId),
    tombstoneId,
  );
}

/** The tombstone of each of `userIds` whose erasure kept one (`rememberErasure`'s `tombstoneId`). */
export async function tombstonesOf(
  db: SqlExecutor,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const keys = new Map(userIds.map((id) => [erasedUserKey(id), id]));
  const rows = await db.$queryRawUnsafe<Array<{ id_sha256: string; tombstone_id: string }>>(
    `SELECT "id_sha256", "tombstone_id"::text AS "tombstone_id" FROM "erased_users"
      WHERE "id_sha256" = ANY($1::text[]) AND "tombstone_id" IS NOT NULL`,
    [...keys.keys()],
  );
  return new Map(
    rows.flatMap((row) => {
      const id = keys.get(row.id_sha256);
      return id === undefined ? [] : [[id, row.tombstone_id] as const];
    }),
  );
}

/**
 * Which of `userIds` were erased, held until the caller's transaction ends (a shared lock per person, so an
 * erasure of one of them waits for the caller's commit): a late event's handler makes nothing for them.
 */
export async function erasedAmongLocked(tx: SqlExecutor, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  await tx.$executeRawUnsafe(LOCK("_shared"), userIds.map(erasedUserKey));
  return erasedAmong(tx, userIds);
}

/** Which of `userIds` were erased: a reference resolver answers null for them, a late event makes nothing. */
export async function erasedAmong(db: SqlExecutor, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const keys = new Map(userIds.map((id) => [erasedUserKey(id), id]));
  const rows = await db.$queryRawUnsafe<Array<{ id_sha256: string }>>(
    `SELECT "id_sha256" FROM "erased_users" WHERE "id_sha256" = ANY($1::text[])`,
    [...keys.keys()],
  );
  return new Set(rows.flatMap((row) => keys.get(row.id_sha256) ?? []));
}
