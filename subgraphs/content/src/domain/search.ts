import { type Page, pageRequest } from "@health/platform/pagination";
import { mergeSearchPages, type Snippet, searchRows } from "@health/platform/search";
import type { ContentDb } from "../db.ts";
import { ModerationStatus } from "../generated/prisma/enums.ts";
import { type CourseRow, searchCourses } from "./courses/courses.ts";
import { CONTENT_PAGE_LIMITS } from "./pagination.ts";
import { type PostRow, postsByIds } from "./posts/posts.ts";
import { postSearchIndex } from "./posts/search.ts";
import { type QuestionRow, questionsByIds } from "./questions/questions.ts";
import { questionSearchIndex } from "./questions/search.ts";

/** One thing content's `search` found: a course, a post or a question, its relevance and where it matched. */
export type ContentHit =
  | { kind: "course"; course: CourseRow; score: number; snippets: Record<string, Snippet | null> }
  | { kind: "post"; post: PostRow; score: number; snippets: Record<string, Snippet | null> }
  | { kind: "question"; question: QuestionRow; score: number; snippets: Record<string, Snippet | null> };

const keyOf = (hit: ContentHit) => ({
  score: hit.score,
  id: hit.kind === "course" ? hit.course.id : hit.kind === "post" ? hit.post.id : hit.question.id,
});

/**
 * Published courses and posts, and public questions (only those are indexed), matching `query`, most relevant first: each index's page after the same
 * cursor, merged (`mergeSearchPages`).
 */
export async function searchContent(
  db: ContentDb,
  query: string,
  args: { first?: number | null; after?: string | null; queryField?: string },
): Promise<Page<ContentHit>> {
  const { size } = pageRequest({ first: args.first }, CONTENT_PAGE_LIMITS);
  const options = { first: size, after: args.after, queryField: args.queryField };
  const [courses, posts, questions] = await Promise.all([
    searchCourses(db, query, options),
    searchRows(
      postSearchIndex(db),
      query,
      { ...options, filter: { status: ModerationStatus.PUBLISHED } },
      (ids) => postsByIds(db, ids),
    ),
    searchRows(questionSearchIndex(db), query, options, (ids) => questionsByIds(db, ids)),
  ]);
  const courseHits: Page<ContentHit> = {
    ...courses,
    nodes: courses.nodes.map(({ course, score, snippets }) => ({
      kind: "course",
      course,
      score: score ?? 0,
      snippets: snippets ?? {},
    })),
  };
  const postHits: Page<ContentHit> = {
    ...posts,
    nodes: posts.nodes.map(({ row, score, snippets }) => ({ kind: "post", post: row, score, snippets })),
  };
  const questionHits: Page<ContentHit> = {
    ...questions,
    nodes: questions.nodes.map(({ row, score, snippets }) => ({
      kind: "question",
      question: row,
      score,
      snippets,
    })),
  };
  return mergeSearchPages([courseHits, postHits, questionHits], size, keyOf);
}
