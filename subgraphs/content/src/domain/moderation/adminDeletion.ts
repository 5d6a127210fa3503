import { contentAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { publishAdminAction } from "@health/platform/events";
import type { ContentTx } from "../../db.ts";

/**
 * An admin deleting what someone else wrote tells ops's audit log (M18), in the deletion's transaction;
 * an author deleting their own writes nothing there.
 */
export async function recordDeletionByAdmin(
  tx: ContentTx,
  actor: Actor,
  item: { kind: "Post" | "Comment" | "Question" | "Answer"; id: string; authorId: string },
): Promise<void> {
  if (actor.userId === item.authorId) return;
  await publishAdminAction(tx, contentAdminActionRecordedV1, actor, {
    action: `delete_${item.kind.toLowerCase()}`,
    subjectType: item.kind,
    subjectId: item.id,
    details: { authorId: item.authorId },
  });
}
