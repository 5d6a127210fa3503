import type { Actor } from "@health/platform/auth";
import type { ContentDb } from "../../db.ts";
import { publishPostLiked } from "../../events/contentEvents.ts";
import { type PostRow, visiblePostForUpdate } from "./posts.ts";

/**
 * Likes a post the caller sees: the first like counts and writes post_liked to the outbox; a second
 * changes nothing and publishes nothing (one row per (post, user), inserted with ON CONFLICT DO NOTHING).
 */
export async function likePost(db: ContentDb, actor: Actor, id: string, now: Date): Promise<PostRow> {
  return db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, id);
    const { count } = await tx.postLike.createMany({
      data: [{ postId: post.id, userId: actor.userId, createdAt: now }],
      skipDuplicates: true,
    });
    if (count === 0) return post;
    await publishPostLiked(tx, { postId: post.id, authorId: post.authorId, likerId: actor.userId }, now);
    return tx.post.update({ where: { id: post.id }, data: { likeCount: { increment: 1 } } });
  });
}

/** Takes the caller's like back; without one, changes nothing. */
export async function unlikePost(db: ContentDb, actor: Actor, id: string): Promise<PostRow> {
  return db.$transaction(async (tx) => {
    const post = await visiblePostForUpdate(tx, actor, id);
    const { count } = await tx.postLike.deleteMany({ where: { postId: post.id, userId: actor.userId } });
    if (count === 0) return post;
    return tx.post.update({ where: { id: post.id }, data: { likeCount: { decrement: 1 } } });
  });
}

/** Which of `postIds` `userId` liked, in that order (the `likedByMe` loader). */
export async function likedPosts(
  db: ContentDb,
  userId: string,
  postIds: readonly string[],
): Promise<boolean[]> {
  const rows = await db.postLike.findMany({
    where: { userId, postId: { in: [...postIds] } },
    select: { postId: true },
  });
  const liked = new Set(rows.map((row) => row.postId));
  return postIds.map((id) => liked.has(id));
}
