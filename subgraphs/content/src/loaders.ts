import type { Actor } from "@health/platform/auth";
import DataLoader from "dataloader";
import type { ContentDeps } from "./deps.ts";
import { type CourseRow, coursesByIds, type EditedLesson, lessonsByIds } from "./domain/courses/courses.ts";
import { type CommentRow, commentsByIds } from "./domain/posts/comments.ts";
import { likedPosts } from "./domain/posts/likes.ts";
import { type PostRow, postsByIds } from "./domain/posts/posts.ts";
import { ownedCourses } from "./domain/purchases/purchases.ts";

/**
 * Per-request loaders: courses and posts for `_entities` and the moderation queue, which courses the
 * caller owns (lesson bodies), which posts the caller liked (`likedByMe`).
 */
export interface ContentLoaders {
  course: DataLoader<string, CourseRow | null>;
  owned: DataLoader<string, boolean>;
  post: DataLoader<string, PostRow | null>;
  liked: DataLoader<string, boolean>;
  comment: DataLoader<string, CommentRow | null>;
  lesson: DataLoader<string, EditedLesson | null>;
}

export const createContentLoaders = (deps: ContentDeps, actor: Actor | null): ContentLoaders => ({
  course: new DataLoader((ids: readonly string[]) => coursesByIds(deps.db, ids)),
  owned: new DataLoader(async (courseIds: readonly string[]) =>
    actor ? ownedCourses(deps.db, actor.userId, courseIds) : courseIds.map(() => false),
  ),
  post: new DataLoader((ids: readonly string[]) => postsByIds(deps.db, ids)),
  liked: new DataLoader(async (postIds: readonly string[]) =>
    actor ? likedPosts(deps.db, actor.userId, postIds) : postIds.map(() => false),
  ),
  comment: new DataLoader((ids: readonly string[]) => commentsByIds(deps.db, ids)),
  lesson: new DataLoader((ids: readonly string[]) => lessonsByIds(deps.db, ids)),
});
