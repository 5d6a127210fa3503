import type { Actor } from "@health/platform/auth";
import type { Page } from "@health/platform/pagination";
import DataLoader from "dataloader";
import type { ContentDeps } from "./deps.ts";
import { type CourseRow, coursesByIds, type EditedLesson, lessonsByIds } from "./domain/courses/courses.ts";
import {
  type CommentPageKey,
  type CommentRow,
  commentPages,
  commentsByIds,
} from "./domain/posts/comments.ts";
import { likedPosts } from "./domain/posts/likes.ts";
import { type PostRow, postsByIds } from "./domain/posts/posts.ts";
import { ownedCourses } from "./domain/purchases/purchases.ts";
import { type AnswerRow, answersByIds, answersOfQuestions } from "./domain/questions/answers.ts";
import { type QuestionRow, questionsByIds } from "./domain/questions/questions.ts";
import { votesOf } from "./domain/questions/votes.ts";

/**
 * Per-request loaders: courses, posts, questions and answers for `_entities` and the moderation queue, which
 * courses the caller owns (lesson bodies), which posts the caller liked (`likedByMe`), posts' first comments
 * (one query for a page of posts), questions' answers
 * in display order, and the caller's votes on answers.
 */
export interface ContentLoaders {
  course: DataLoader<string, CourseRow | null>;
  owned: DataLoader<string, boolean>;
  post: DataLoader<string, PostRow | null>;
  liked: DataLoader<string, boolean>;
  comment: DataLoader<string, CommentRow | null>;
  comments: DataLoader<CommentPageKey, Page<CommentRow>, string>;
  lesson: DataLoader<string, EditedLesson | null>;
  question: DataLoader<string, QuestionRow | null>;
  answer: DataLoader<string, AnswerRow | null>;
  answers: DataLoader<QuestionRow, AnswerRow[], string>;
  myVote: DataLoader<string, number | null>;
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
  comments: new DataLoader((keys: readonly CommentPageKey[]) => commentPages(deps.db, actor, keys), {
    cacheKeyFn: ({ postId, first, after }) => JSON.stringify([postId, first ?? null, after ?? null]),
  }),
  lesson: new DataLoader((ids: readonly string[]) => lessonsByIds(deps.db, ids)),
  question: new DataLoader((ids: readonly string[]) => questionsByIds(deps.db, ids)),
  answer: new DataLoader((ids: readonly string[]) => answersByIds(deps.db, ids)),
  answers: new DataLoader(
    (questions: readonly QuestionRow[]) => answersOfQuestions(deps.db, actor, questions),
    {
      cacheKeyFn: (question) => question.id,
    },
  ),
  myVote: new DataLoader(async (answerIds: readonly string[]) =>
    actor ? votesOf(deps.db, actor.userId, answerIds) : answerIds.map(() => null),
  ),
});
