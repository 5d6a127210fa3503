import { createHash } from "node:crypto";
import { isUuid } from "@health/events/people";
import type { SqlExecutor } from "@health/platform/events";
import { type AuditPeople, peopleOf, withPeopleReplaced } from "./userIds.ts";

/**
 * The audit log names people by pseudonym (issue 13): `audit_subjects` maps each user id to a random
 * pseudonym, and an audit row is written, and hashed, with the pseudonyms. Erasing a person deletes their
 * mapping; their rows never change, so the chain still verifies, and their pseudonym is a tombstone no
 * one can link back to them.
 */

interface MappingRow {
  userId: string;
  pseudonym: string;
}

/** How an erased person is remembered: the SHA-256 of their (lowercased) id, never the id. */
export const erasedHashOf = (userId: string): string =>
  createHash("sha256").update(userId.toLowerCase(), "utf8").digest("hex");

/**
 * The row as the audit log stores it: every user id replaced by its pseudonym, created on first use.
 * Call it in the append's transaction AFTER locking the chain head: the lock orders it with an erasure
 * (which takes it too), so a person erased meanwhile never gets a fresh pseudonym. A person already
 * erased (a late event about them) is written under their erasure's tombstone id.
 */
export async function pseudonymised<T extends AuditPeople>(tx: SqlExecutor, row: T): Promise<T> {
  const ids = peopleOf(row);
  if (ids.length === 0) return row;
  const erased = await tx.$queryRawUnsafe<Array<{ userHash: string; tombstoneId: string }>>(
    `SELECT "user_hash" AS "userHash", "tombstone_id"::text AS "tombstoneId" FROM "audit_erased_subjects"
      WHERE "user_hash" = ANY($1::text[])`,
    ids.map(erasedHashOf),
  );
  const tombstones = new Map(erased.map((row) => [row.userHash, row.tombstoneId]));
  const living = ids.filter((id) => !tombstones.has(erasedHashOf(id)));
  await tx.$executeRawUnsafe(
    `INSERT INTO "audit_subjects" ("user_id", "pseudonym")
     SELECT "id", gen_random_uuid() FROM unnest($1::uuid[]) AS "id"
     ON CONFLICT ("user_id") DO NOTHING`,
    living,
  );
  const mapped = await tx.$queryRawUnsafe<MappingRow[]>(
    `SELECT "user_id"::text AS "userId", "pseudonym"::text AS "pseudonym" FROM "audit_subjects"
      WHERE "user_id" = ANY($1::uuid[])`,
    living,
  );
  const pseudonyms = new Map(mapped.map((row) => [row.userId, row.pseudonym]));
  return withPeopleReplaced(row, (id) => pseudonyms.get(id) ?? tombstones.get(erasedHashOf(id)) ?? id);
}

/**
 * The rows as people read them: every pseudonym whose person is known replaced by their user id. An
 * erased person's pseudonym (no mapping) stays: that is their tombstone. Rows written before pseudonyms
 * hold raw user ids, which no mapping matches, and show as they are.
 */
export async function withUserIds<T extends AuditPeople>(db: SqlExecutor, rows: readonly T[]): Promise<T[]> {
  const pseudonyms = [...new Set(rows.flatMap(peopleOf))];
  if (pseudonyms.length === 0) return [...rows];
  const mapped = await db.$queryRawUnsafe<MappingRow[]>(
    `SELECT "user_id"::text AS "userId", "pseudonym"::text AS "pseudonym" FROM "audit_subjects"
      WHERE "pseudonym" = ANY($1::uuid[])`,
    pseudonyms,
  );
  const users = new Map(mapped.map((row) => [row.pseudonym, row.userId]));
  return rows.map((row) => withPeopleReplaced(row, (id) => users.get(id) ?? id));
}

/**
 * The values a filter on a person matches in the stored rows: their pseudonym, and the id itself (a row
 * written before pseudonyms, or a pseudonym given as the tombstone of an erased person).
 */
export async function storedIdsOf(db: SqlExecutor, userId: string): Promise<string[]> {
  if (!isUuid(userId)) return [userId];
  const [row] = await db.$queryRawUnsafe<Array<{ pseudonym: string }>>(
    `SELECT "pseudonym"::text AS "pseudonym" FROM "audit_subjects" WHERE "user_id" = $1::uuid`,
    userId,
  );
  return row ? [userId, row.pseudonym] : [userId];
}

/**
 * Erases a person from the audit log: deletes their pseudonym's mapping (the rows stay as they were
 * hashed) and remembers them by hash with their tombstone id, under the chain head's lock so no append
 * in flight re-creates a mapping. Idempotent: a second run deletes nothing. Returns the mappings deleted.
 */
export async function eraseAuditSubject(
  tx: SqlExecutor,
  subject: { userId: string; tombstoneId: string },
): Promise<number> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "audit_chain_head" WHERE "id" = 1 FOR UPDATE`);
  await tx.$executeRawUnsafe(
    `INSERT INTO "audit_erased_subjects" ("user_hash", "tombstone_id") VALUES ($1, $2::uuid)
     ON CONFLICT ("user_hash") DO NOTHING`,
    erasedHashOf(subject.userId),
    subject.tombstoneId,
  );
  return tx.$executeRawUnsafe(`DELETE FROM "audit_subjects" WHERE "user_id" = $1::uuid`, subject.userId);
}
