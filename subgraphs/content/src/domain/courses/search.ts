import type { SqlExecutor } from "@health/platform/events";
import { postgresSearchIndex, type SearchIndex } from "@health/platform/search";
import type { ContentTx } from "../../db.ts";
import { courseSearchText } from "./rules.ts";

/**
 * Courses' full-text index: title (weight A), summary (B) and `lessons_text` (C: published lessons'
 * titles, preview lessons' bodies) into `courses.search_vector`. Build it on the transaction client that
 * writes the course or lesson, so the vector commits with the row.
 */
export const courseSearchIndex = (client: SqlExecutor): SearchIndex =>
  postgresSearchIndex(client, {
    table: "courses",
    vector: "search_vector",
    fields: {
      title: { column: "title", weight: "A" },
      summary: { column: "summary", weight: "B" },
      lessons: { column: "lessons_text", weight: "C" },
    },
    filters: { status: "status" },
  });

/** Rewrites a course's searchable lesson text from its lessons and reindexes it (unless withdrawn), in `tx`. */
export async function reindexCourse(tx: ContentTx, courseId: string): Promise<void> {
  const course = await tx.course.findUniqueOrThrow({
    where: { id: courseId },
    include: { lessons: { orderBy: { position: "asc" } } },
  });
  const lessonsText = courseSearchText(course.lessons);
  await tx.course.update({ where: { id: courseId }, data: { lessonsText } });
  // A withdrawn course is kept for its buyers only: search never finds it again.
  if (course.withdrawnAt) return courseSearchIndex(tx).remove(course.id);
  await courseSearchIndex(tx).index({
    id: course.id,
    fields: { title: course.title, summary: course.summary, lessons: lessonsText },
  });
}
