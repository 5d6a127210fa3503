import { createHash } from "node:crypto";
import type { DynamicDb, DynamicTx } from "../db.ts";

/**
 * How an erased person is remembered: the SHA-256 of their id, never the id (issue 13: after erasure the
 * id appears nowhere in the database). Ids are random uuids, so the hash tells only someone who already
 * holds an id whether it was erased.
 */
export const erasedUserKey = (userId: string): string =>
  createHash("sha256").update(userId.toLowerCase()).digest("hex");

/** Remembers that `userId` was erased (idempotent). */
export async function rememberErasure(tx: DynamicTx, userId: string): Promise<void> {
  await tx.erasedUser.createMany({ data: [{ idSha256: erasedUserKey(userId) }], skipDuplicates: true });
}

/** Which of `userIds` were erased. */
export async function erasedAmong(
  db: DynamicDb | DynamicTx,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const keys = new Map(userIds.map((id) => [erasedUserKey(id), id]));
  const rows = await db.erasedUser.findMany({ where: { idSha256: { in: [...keys.keys()] } } });
  return new Set(rows.flatMap((row) => keys.get(row.idSha256) ?? []));
}
