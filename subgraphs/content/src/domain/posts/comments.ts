import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import { isUuid, uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { ContentDb } from "../../db.ts";
import type { Comment } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus } from "../../generated/prisma/enums.ts";
import { recordDeletionByAdmin } from "../moderation/adminDeletion.ts";
import { closeCase, openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { CONTENT_PAGE_LIMITS } from "../pagination.ts";
import { visiblePostForUpdate } from "./posts.ts";
import { canDelete, canViewModerated, statusOnCreate, validateCommentBody } from "./rules.ts";

export type CommentRow = Comment;

/** Comments on a published post the caller sees; one that trips the word list is held PENDING_REVIEW. */
export async function addComment(
  db: ContentDb,
  actor: Actor,
  postId: string,
  body: string,
): Promise<CommentRow> {
  const text = validateCommentBody(body);
  return db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, postId, "postId");
    if (post.status !== ModerationStatus.PUBLISHED) {
      throw forbidden(
        `Post ${post.id} is ${post.status.toLowerCase().replace("_", " ")}: it takes no comments.`,
      );
    }
    const screened = await screen(tx, text);
    const comment = await tx.comment.create({
      data: { postId: post.id, authorId: actor.userId, body: text, status: statusOnCreate(screened.flagged) },
    });
    if (screened.flagged) await openCase(tx, ModeratedKind.COMMENT, comment.id, screened.words);
    return comment;
  });
}

/** Deletes a comment (its author or an admin); NOT_FOUND when the caller cannot see it. */
export async function deleteComment(db: ContentDb, actor: Actor, id: string): Promise<string> {
  const commentId = uuidArg(id, "id", "a comment id");
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findUnique({ where: { id: commentId } });
    if (!comment || !canViewModerated(actor, comment)) throw notFound("Comment", commentId);
    if (!canDelete(actor, comment))
      throw forbidden(`Only the author of comment ${comment.id} or an admin deletes it.`);
    await closeCase(tx, ModeratedKind.COMMENT, comment.id);
    await tx.comment.delete({ where: { id: comment.id } });
    await recordDeletionByAdmin(tx, actor, { kind: "Comment", id: comment.id, authorId: comment.authorId });
    return comment.id;
  });
}

/**
 * A post's comments, newest first: the published ones, plus the caller's own hidden or removed ones
 * (with their status); every one for an admin.
 */
export async function commentsOf(
  db: ContentDb,
  actor: Actor | null,
  postId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CommentRow>> {
  const { size, cursor } = pageRequest(args, CONTENT_PAGE_LIMITS);
  const visible = hasRole(actor, "admin")
    ? {}
    : { OR: [{ status: ModerationStatus.PUBLISHED }, ...(actor ? [{ authorId: actor.userId }] : [])] };
  const rows = await db.comment.findMany({
    where: { AND: [{ postId }, visible, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}

/** One post's comments page as `Post.comments` asks for it. */
export interface CommentPageKey {
  postId: string;
  first?: number | null;
  after?: string | null;
}

/**
 * `commentsOf` for many posts at once (the per-request loader behind `Post.comments`): the first pages
 * of all the posts asking for the same size in one query (each post's newest, ranked per post), a later
 * page (its own cursor) on its own.
 */
export async function commentPages(
  db: ContentDb,
  actor: Actor | null,
  keys: readonly CommentPageKey[],
): Promise<Page<CommentRow>[]> {
  const firstPages = new Map<number, string[]>();
  for (const key of keys) {
    if (key.after) continue;
    const { size } = pageRequest(key, CONTENT_PAGE_LIMITS);
    firstPages.set(size, [...(firstPages.get(size) ?? []), key.postId]);
  }
  const rowsByPost = new Map<string, CommentRow[]>();
  for (const [size, postIds] of firstPages) {
    for (const row of await newestCommentsOfPosts(db, actor, postIds, size + 1)) {
      rowsByPost.set(row.postId, [...(rowsByPost.get(row.postId) ?? []), row]);
    }
  }
  return Promise.all(
    keys.map((key) =>
      key.after
        ? commentsOf(db, actor, key.postId, key)
        : toPage(rowsByPost.get(key.postId) ?? [], pageRequest(key, CONTENT_PAGE_LIMITS).size, cursorOfRow),
    ),
  );
}

/** Up to `take` newest comments of each of `postIds` that `actor` may see, newest first per post. */
function newestCommentsOfPosts(
  db: ContentDb,
  actor: Actor | null,
  postIds: readonly string[],
  take: number,
): Promise<CommentRow[]> {
  return db.$queryRawUnsafe<CommentRow[]>(
    `SELECT id, post_id AS "postId", author_id AS "authorId", body, status, removal_reason AS "removalReason",
            created_at AS "createdAt", updated_at AS "updatedAt"
       FROM (SELECT c.*, row_number() OVER (PARTITION BY post_id ORDER BY created_at DESC, id DESC) AS rank
               FROM comments c
              WHERE post_id = ANY($1::uuid[])
                AND ($2 OR status = 'PUBLISHED' OR author_id = $3::uuid)) ranked
      WHERE rank <= $4
      ORDER BY post_id, created_at DESC, id DESC`,
    postIds.filter(isUuid),
    hasRole(actor, "admin"),
    actor?.userId ?? null,
    take,
  );
}

/** Comments by id for the loaders, in the order asked (null where none). */
export async function commentsByIds(db: ContentDb, ids: readonly string[]): Promise<(CommentRow | null)[]> {
  const rows = await db.comment.findMany({ where: { id: { in: ids.filter(isUuid) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}
