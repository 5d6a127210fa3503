import type { ContentContext } from "../context.ts";
import { canViewCourse } from "../domain/courses/rules.ts";
import { type Course, toCourse } from "../model/course.ts";

/**
 * `_entities` for Course: through the per-request loader; null unless the caller may see it. Its lessons'
 * bodies go through the same `Lesson.body` resolver as every other path, so a reference never carries a
 * paid body.
 */
export async function resolveCourseReference(
  reference: { __typename: string } & Record<string, unknown>,
  ctx: ContentContext,
): Promise<Course | null> {
  const course = await ctx.loaders.course.load(String(reference.id));
  if (!course || !canViewCourse(ctx.actor, course)) return null;
  return toCourse(course, ctx.actor);
}
