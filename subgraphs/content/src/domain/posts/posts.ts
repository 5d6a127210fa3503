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
import type { ContentDb, ContentTx } from "../../db.ts";
import type { Post, Prisma } from "../../generated/prisma/client.ts";
import { ModeratedKind, ModerationStatus } from "../../generated/prisma/enums.ts";
import { tagArg } from "../courses/rules.ts";
import { recordDeletionByAdmin } from "../moderation/adminDeletion.ts";
import { closeCase, closeCases, openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { CONTENT_PAGE_LIMITS } from "../pagination.ts";
import {
  type CreatePostCommand,
  canDelete,
  canEditPost,
  canViewModerated,
  statusOnCreate,
  statusOnEdit,
  type UpdatePostCommand,
  validateNewPost,
  validatePostChanges,
} from "./rules.ts";
import { reindexPost } from "./search.ts";

export type PostRow = Post;

export interface PostListArgs {
  first?: number | null;
  after?: string | null;
  authorId?: string | null;
  tag?: string | null;
}

/** The post `id` as `actor` may see it (locked for the rest of `tx`), or NOT_FOUND. */
export async function visiblePostForUpdate(tx: ContentTx, actor: Actor | null, id: string, field = "id") {
  const postId = uuidArg(id, field, "a post id");
  // FOR UPDATE: likes, reports and reviews of one post take turns, so counts and thresholds are exact.
  await tx.$queryRaw`SELECT 1 FROM posts WHERE id = ${postId}::uuid FOR UPDATE`;
  const post = await tx.post.findUnique({ where: { id: postId } });
  if (!post || !canViewModerated(actor, post)) throw notFound("Post", postId);
  return post;
}

/** POST /communities/posts: published at once, or held PENDING_REVIEW when it trips the word list. */
export async function createPost(db: ContentDb, actor: Actor, input: CreatePostCommand): Promise<PostRow> {
  const post = validateNewPost(input);
  return db.$transaction(async (tx) => {
    const screened = await screen(tx, post.title, post.body, ...post.tags);
    const created = await tx.post.create({
      data: { ...post, authorId: actor.userId, status: statusOnCreate(screened.flagged) },
    });
    if (screened.flagged) await openCase(tx, ModeratedKind.POST, created.id, screened.words);
    await reindexPost(tx, created);
    return created;
  });
}

/** Its author changes a post's given fields; the new text is screened and the post reindexed. */
export async function updatePost(
  db: ContentDb,
  actor: Actor,
  id: string,
  input: UpdatePostCommand,
): Promise<PostRow> {
  const changes = validatePostChanges(input);
  return db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, id);
    if (!canEditPost(actor, post)) {
      throw forbidden(
        post.status === ModerationStatus.REMOVED
          ? `Post ${post.id} was removed by a moderator and cannot be edited.`
          : `Only the author of post ${post.id} edits it.`,
      );
    }
    const next = { ...post, ...changes };
    const screened = await screen(tx, next.title, next.body, ...next.tags);
    const status = statusOnEdit(post.status, screened.flagged);
    const updated = await tx.post.update({ where: { id: post.id }, data: { ...changes, status } });
    if (screened.flagged) await openCase(tx, ModeratedKind.POST, post.id, screened.words);
    await reindexPost(tx, updated);
    return updated;
  });
}

/** Deletes a post with its comments, likes and reports (its author or an admin). */
export async function deletePost(db: ContentDb, actor: Actor, id: string): Promise<string> {
  return db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, id);
    if (!canDelete(actor, post))
      throw forbidden(`Only the author of post ${post.id} or an admin deletes it.`);
    const comments = await tx.comment.findMany({ where: { postId: post.id }, select: { id: true } });
    await closeCases(tx, ModeratedKind.COMMENT, comments);
    await closeCase(tx, ModeratedKind.POST, post.id);
    await tx.post.delete({ where: { id: post.id } });
    await recordDeletionByAdmin(tx, actor, { kind: "Post", id: post.id, authorId: post.authorId });
    return post.id;
  });
}

/** One post, or NOT_FOUND when it does not exist or the caller may not see it. */
export async function postById(db: ContentDb, actor: Actor | null, id: string): Promise<PostRow> {
  const postId = uuidArg(id, "id", "a post id");
  const post = await db.post.findUnique({ where: { id: postId } });
  if (!post || !canViewModerated(actor, post)) throw notFound("Post", postId);
  return post;
}

/** Posts for the loaders and search, in the order asked (null where none). */
export async function postsByIds(db: ContentDb, ids: readonly string[]): Promise<(PostRow | null)[]> {
  const valid = ids.filter(isUuid);
  const rows = valid.length > 0 ? await db.post.findMany({ where: { id: { in: valid } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Published posts, newest first, by an author and with a tag if given. An author's own list (`authorId`
 * = the caller) also holds their hidden and removed posts, with their status; an admin's, everyone's.
 */
export async function listPosts(
  db: ContentDb,
  actor: Actor | null,
  args: PostListArgs,
): Promise<Page<PostRow>> {
  const { size, cursor } = pageRequest(args, CONTENT_PAGE_LIMITS);
  const authorId = args.authorId != null ? uuidArg(args.authorId, "authorId", "a user id") : null;
  const tag = args.tag != null ? tagArg(args.tag, "tag") : null;
  const seesHidden = authorId !== null && !!actor && (actor.userId === authorId || hasRole(actor, "admin"));
  const where: Prisma.PostWhereInput = {
    AND: [
      seesHidden ? {} : { status: ModerationStatus.PUBLISHED },
      authorId ? { authorId } : {},
      tag ? { tags: { has: tag } } : {},
      afterCursor(cursor),
    ],
  };
  const rows = await db.post.findMany({ where, orderBy: NEWEST_FIRST, take: size + 1 });
  return toPage(rows, size, cursorOfRow);
}
