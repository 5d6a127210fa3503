import type { Actor } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import type { ContentDb } from "../../db.ts";
import { ModeratedKind, ModerationStatus } from "../../generated/prisma/enums.ts";
import { openCase } from "../moderation/cases.ts";
import { visiblePostForUpdate } from "./posts.ts";
import { hiddenByReports, validateReason } from "./rules.ts";
import { reindexPost } from "./search.ts";

/**
 * Reports a post the caller sees: puts it in the moderation queue and, once `threshold` distinct
 * reporters have reported it since its last review, hides it (PENDING_REVIEW, out of search). One report
 * per user and post: a repeat (even after a review) changes nothing.
 */
export async function reportPost(
  db: ContentDb,
  actor: Actor,
  postId: string,
  reason: string,
  threshold: number,
): Promise<void> {
  const text = validateReason(reason);
  await db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, postId, "postId");
    if (post.authorId === actor.userId)
      throw forbidden(`Post ${post.id} is yours; delete it instead of reporting it.`);
    const { count } = await tx.postReport.createMany({
      data: [{ postId: post.id, reporterId: actor.userId, reason: text }],
      skipDuplicates: true,
    });
    if (count === 0) return;
    const counted = await tx.post.update({ where: { id: post.id }, data: { openReports: { increment: 1 } } });
    if (post.status === ModerationStatus.REMOVED) return;
    await openCase(tx, ModeratedKind.POST, post.id);
    if (hiddenByReports(counted.status, counted.openReports, threshold)) {
      const hidden = await tx.post.update({
        where: { id: post.id },
        data: { status: ModerationStatus.PENDING_REVIEW },
      });
      await reindexPost(tx, hidden);
    }
  });
}

/** A post's reports since its last review, oldest first (what an admin reads in the queue). */
export const openReportsOf = (db: ContentDb, postId: string) =>
  db.postReport.findMany({ where: { postId, closedAt: null }, orderBy: { createdAt: "asc" } });
