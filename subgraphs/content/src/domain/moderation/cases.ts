import { keysetAfter, type Page, pageRequest, toPage } from "@health/platform/pagination";
import type { ContentDb, ContentTx } from "../../db.ts";
import type { ModerationCase } from "../../generated/prisma/client.ts";
import type { ModeratedKind } from "../../generated/prisma/enums.ts";
import { CONTENT_PAGE_LIMITS } from "../pagination.ts";

// The moderation queue: one open case per item an admin must look at. A case is opened (or its words
// added to) in the transaction that hides or reports the item, and deleted in the one that decides it.

/**
 * Puts an item in the queue (once: a second call adds any new `words` to the open case). Call it in the
 * transaction that writes the item held PENDING_REVIEW, or the report that queues it.
 */
export async function openCase(tx: ContentTx, kind: ModeratedKind, targetId: string, words: string[] = []) {
  // ON CONFLICT DO NOTHING: two requests queueing the same item at once leave one case, and no error.
  const { count } = await tx.moderationCase.createMany({
    data: [{ kind, targetId, words }],
    skipDuplicates: true,
  });
  if (count === 1 || words.length === 0) return;
  const open = await tx.moderationCase.findUnique({ where: { kind_targetId: { kind, targetId } } });
  const added = open ? words.filter((word) => !open.words.includes(word)) : [];
  if (open && added.length > 0) {
    await tx.moderationCase.update({ where: { id: open.id }, data: { words: [...open.words, ...added] } });
  }
}

/** Takes an item out of the queue (it was decided, deleted, or taken back to a draft). */
export async function closeCase(tx: ContentTx, kind: ModeratedKind, targetId: string): Promise<void> {
  await tx.moderationCase.deleteMany({ where: { kind, targetId } });
}

/** Takes the items of a deleted parent out of the queue (a post's comments, a question's answers). */
export async function closeCases(tx: ContentTx, kind: ModeratedKind, targetIds: readonly { id: string }[]) {
  await tx.moderationCase.deleteMany({ where: { kind, targetId: { in: targetIds.map((item) => item.id) } } });
}

const OLDEST_FIRST = [{ createdAt: "asc" as const }, { id: "asc" as const }];

/** The open cases, oldest first (the queue's order). */
export async function moderationQueue(
  db: ContentDb,
  args: { first?: number | null; after?: string | null },
): Promise<Page<ModerationCase>> {
  const { size, cursor } = pageRequest(args, CONTENT_PAGE_LIMITS);
  const rows = await db.moderationCase.findMany({
    where: keysetAfter(cursor, { at: "createdAt", id: "id", direction: "asc" }),
    orderBy: OLDEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, (row) => ({ at: row.createdAt, id: row.id }));
}
