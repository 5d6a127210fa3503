import { type Page, pageRequest } from "@health/platform/pagination";
import { encodeSearchCursor, type Snippet } from "@health/platform/search";
import type { ContentDb } from "../db.ts";
import { ModerationStatus } from "../generated/prisma/enums.ts";
import { type CourseRow, searchCourses } from "./courses/courses.ts";
import { CONTENT_PAGE_LIMITS } from "./pagination.ts";
import { type PostRow, postsByIds } from "./posts/posts.ts";
import { postSearchIndex } from "./posts/search.ts";

/** One thing content's `search` found: a course or a post, its relevance and where it matched. */
export type ContentHit =
  | { kind: "course"; course: CourseRow; score: number; snippets: Record<string, Snippet | null> }
  | { kind: "post"; post: PostRow; score: number; snippets: Record<string, Snippet | null> };

interface Ranked {
  score: number;
  id: string;
}

/** Relevance order: higher score first, then the larger id, as each index orders and its cursor reads. */
const byRelevance = (a: Ranked, b: Ranked) => b.score - a.score || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const idOf = (hit: ContentHit) => (hit.kind === "course" ? hit.course.id : hit.post.id);

/**
 * Published courses and posts matching `query`, most relevant first. Both indexes order by (score, id)
 * and take the same cursor, so one page is the best `first` of both pages after the cursor.
 */
export async function searchContent(
  db: ContentDb,
  query: string,
  args: { first?: number | null; after?: string | null; queryField?: string },
): Promise<Page<ContentHit>> {
  const { size } = pageRequest({ first: args.first }, CONTENT_PAGE_LIMITS);
  const [courses, postPage] = await Promise.all([
    searchCourses(db, query, { first: size, after: args.after, queryField: args.queryField }),
    postSearchIndex(db).search(query, {
      first: size,
      after: args.after,
      filter: { status: ModerationStatus.PUBLISHED },
      queryField: args.queryField,
    }),
  ]);
  const posts = await postsByIds(
    db,
    postPage.hits.map((hit) => hit.id),
  );
  const hits: ContentHit[] = [
    ...courses.nodes.map(
      ({ course, score, snippets }): ContentHit => ({
        kind: "course",
        course,
        score: score ?? 0,
        snippets: snippets ?? {},
      }),
    ),
    ...postPage.hits.flatMap((hit, i): ContentHit[] => {
      const post = posts[i];
      return post ? [{ kind: "post", post, score: hit.score, snippets: hit.snippets }] : [];
    }),
  ].sort((a, b) => byRelevance({ score: a.score, id: idOf(a) }, { score: b.score, id: idOf(b) }));
  const nodes = hits.slice(0, size);
  const last = nodes.at(-1);
  return {
    nodes,
    hasNextPage: hits.length > size || courses.hasNextPage || postPage.hasNextPage,
    endCursor: last ? encodeSearchCursor({ score: last.score, id: idOf(last) }) : null,
  };
}
