import type { Actor } from "@health/platform/auth";
import { badInput, forbidden, notFound } from "@health/platform/errors";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page, pageRequest } from "@health/platform/pagination";
import { isUniqueViolation } from "@health/platform/prisma";
import { type Snippet, searchRows } from "@health/platform/search";
import type { ContentDb, ContentTx } from "../../db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ModeratedKind, PublicationStatus } from "../../generated/prisma/enums.ts";
import { closeCase } from "../moderation/cases.ts";
import { CONTENT_PAGE_LIMITS } from "../pagination.ts";
import { publishCourseText, publishLessonText } from "./publication.ts";
import {
  type AddLessonCommand,
  type CreateCourseCommand,
  canEditCourse,
  canViewCourse,
  tagArg,
  type UpdateCourseCommand,
  type UpdateLessonCommand,
  validateCourseChanges,
  validateLessonChanges,
  validateNewCourse,
  validateNewLesson,
} from "./rules.ts";
import { courseSearchIndex, reindexCourse } from "./search.ts";

/** A course as every operation returns it: with its lessons in order (one query, no N+1). */
export const COURSE_PARTS = { lessons: { orderBy: { position: "asc" } } } satisfies Prisma.CourseInclude;
export type CourseRow = Prisma.CourseGetPayload<{ include: typeof COURSE_PARTS }>;
export type LessonRow = CourseRow["lessons"][number];
/** A lesson just written, with its course's author (who reads its body). */
export interface EditedLesson {
  lesson: LessonRow;
  authorId: string;
}

/** A listed course, and with a search, where it matched. */
export interface CourseListItem {
  course: CourseRow;
  snippets?: Record<string, Snippet | null>;
  /** With a search, its relevance. */
  score?: number;
}

export interface CourseListArgs {
  first?: number | null;
  after?: string | null;
  search?: string | null;
  tag?: string | null;
}

const positionTaken = () =>
  badInput("input.position", "input.position is taken by another lesson of this course; choose another.");

/** The course `id` for its editor (author or admin); NOT_FOUND or FORBIDDEN otherwise. */
async function courseToEdit(tx: ContentTx, actor: Actor, id: string, field = "id") {
  const courseId = uuidArg(id, field, "a course id");
  const row = await tx.course.findUnique({ where: { id: courseId } });
  if (!row || !canViewCourse(actor, row)) throw notFound("Course", courseId);
  if (!canEditCourse(actor, row))
    throw forbidden(`Only the author of course ${courseId} or an admin edits it.`);
  return row;
}

const readCourse = (tx: ContentTx, id: string) =>
  tx.course.findUniqueOrThrow({ where: { id }, include: COURSE_PARTS });

/** POST /contents/courses: a coach's new course, a DRAFT, indexed for search once published. */
export async function createCourse(
  db: ContentDb,
  actor: Actor,
  input: CreateCourseCommand,
): Promise<CourseRow> {
  const course = validateNewCourse(input);
  return db.$transaction(async (tx) => {
    const created = await tx.course.create({ data: { ...course, authorId: actor.userId } });
    await reindexCourse(tx, created.id);
    return readCourse(tx, created.id);
  });
}

/** Changes a course's given fields and reindexes it (its author or an admin). */
export async function updateCourse(
  db: ContentDb,
  actor: Actor,
  id: string,
  input: UpdateCourseCommand,
): Promise<CourseRow> {
  return db.$transaction(async (tx) => {
    const course = await courseToEdit(tx, actor, id);
    const changes = validateCourseChanges(input, course);
    await tx.course.update({ where: { id: course.id }, data: changes });
    await reindexCourse(tx, course.id);
    return readCourse(tx, course.id);
  });
}

/**
 * DRAFT → PUBLISHED (content_published), or PENDING_REVIEW when its text trips the moderation word list;
 * or back to DRAFT (out of the moderation queue). The same state again changes nothing.
 */
export async function setCourseStatus(
  db: ContentDb,
  actor: Actor,
  id: string,
  status: "DRAFT" | "PUBLISHED",
  now: Date,
): Promise<CourseRow> {
  return db.$transaction(async (tx) => {
    const course = await courseToEdit(tx, actor, id);
    if (course.status === status) return readCourse(tx, course.id);
    if (status === PublicationStatus.PUBLISHED) {
      await publishCourseText(tx, course, now);
    } else {
      await tx.course.update({ where: { id: course.id }, data: { status } });
      await closeCase(tx, ModeratedKind.COURSE, course.id);
    }
    return readCourse(tx, course.id);
  });
}

/** Adds a DRAFT lesson to a course (its author or an admin); its position is unique in the course. */
export async function addLesson(
  db: ContentDb,
  actor: Actor,
  courseId: string,
  input: AddLessonCommand,
): Promise<EditedLesson> {
  const lesson = validateNewLesson(input);
  try {
    return await db.$transaction(async (tx) => {
      const course = await courseToEdit(tx, actor, courseId, "courseId");
      const created = await tx.lesson.create({ data: { ...lesson, courseId: course.id } });
      await reindexCourse(tx, course.id);
      return { lesson: created, authorId: course.authorId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw positionTaken();
    throw error;
  }
}

/** The lesson `id` and its course, for the course's editor; NOT_FOUND or FORBIDDEN otherwise. */
async function lessonToEdit(tx: ContentTx, actor: Actor, id: string) {
  const lessonId = uuidArg(id, "id", "a lesson id");
  const lesson = await tx.lesson.findUnique({ where: { id: lessonId } });
  if (!lesson) throw notFound("Lesson", lessonId);
  const course = await courseToEdit(tx, actor, lesson.courseId);
  return { lesson, course };
}

/** Changes a lesson's given fields and reindexes its course (the course's author or an admin). */
export async function updateLesson(
  db: ContentDb,
  actor: Actor,
  id: string,
  input: UpdateLessonCommand,
): Promise<EditedLesson> {
  const changes = validateLessonChanges(input);
  try {
    return await db.$transaction(async (tx) => {
      const { lesson, course } = await lessonToEdit(tx, actor, id);
      const updated = await tx.lesson.update({ where: { id: lesson.id }, data: changes });
      await reindexCourse(tx, course.id);
      return { lesson: updated, authorId: course.authorId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw positionTaken();
    throw error;
  }
}

/**
 * Publishes a lesson (content_published; PENDING_REVIEW when it trips the word list) or takes it back to
 * DRAFT, and reindexes its course.
 */
export async function setLessonStatus(
  db: ContentDb,
  actor: Actor,
  id: string,
  status: "DRAFT" | "PUBLISHED",
  now: Date,
): Promise<EditedLesson> {
  return db.$transaction(async (tx) => {
    const { lesson, course } = await lessonToEdit(tx, actor, id);
    if (lesson.status === status) return { lesson, authorId: course.authorId };
    if (status === PublicationStatus.PUBLISHED) {
      await publishLessonText(tx, lesson, course.authorId, now);
    } else {
      await tx.lesson.update({ where: { id: lesson.id }, data: { status } });
      await closeCase(tx, ModeratedKind.LESSON, lesson.id);
      await reindexCourse(tx, course.id);
    }
    const updated = await tx.lesson.findUniqueOrThrow({ where: { id: lesson.id } });
    return { lesson: updated, authorId: course.authorId };
  });
}

/** One course, or NOT_FOUND when it does not exist or the caller may not see it. */
export async function courseById(db: ContentDb, actor: Actor | null, id: string): Promise<CourseRow> {
  const courseId = uuidArg(id, "id", "a course id");
  const course = await db.course.findUnique({ where: { id: courseId }, include: COURSE_PARTS });
  if (!course || !canViewCourse(actor, course)) throw notFound("Course", courseId);
  return course;
}

/** Courses for `_entities` and the loaders, in the order asked (null where none). */
export async function coursesByIds(db: ContentDb, ids: readonly string[]): Promise<(CourseRow | null)[]> {
  const valid = ids.filter(isUuid);
  const rows =
    valid.length > 0 ? await db.course.findMany({ where: { id: { in: valid } }, include: COURSE_PARTS }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * GET /contents/courses: published courses, with a tag if given, newest first; or with `search`, most
 * relevant first (Chinese or English; title, summary, then lessons) with snippets of what matched.
 */
export async function listCourses(db: ContentDb, args: CourseListArgs): Promise<Page<CourseListItem>> {
  const tag = args.tag != null ? tagArg(args.tag, "tag") : null;
  if (args.search != null) {
    // The search index filters by equality on columns; tags are an array (issue 11: a tag filter there).
    if (tag) throw badInput("tag", "tag cannot be combined with search yet; pass one of them.");
    return searchCourses(db, args.search, args);
  }
  const page = await newestFirstPage(args, CONTENT_PAGE_LIMITS, ({ after, ...rest }) =>
    db.course.findMany({
      where: {
        AND: [
          { status: PublicationStatus.PUBLISHED, withdrawnAt: null },
          tag ? { tags: { has: tag } } : {},
          after,
        ],
      },
      ...rest,
      include: COURSE_PARTS,
    }),
  );
  return { ...page, nodes: page.nodes.map((course) => ({ course })) };
}

/** Published courses matching `search`, most relevant first, with their snippets. */
export async function searchCourses(
  db: ContentDb,
  search: string,
  args: { first?: number | null; after?: string | null; queryField?: string },
): Promise<Page<CourseListItem>> {
  const { size } = pageRequest({ first: args.first }, CONTENT_PAGE_LIMITS);
  const page = await searchRows(
    courseSearchIndex(db),
    search,
    {
      first: size,
      after: args.after,
      filter: { status: PublicationStatus.PUBLISHED },
      queryField: args.queryField,
    },
    (ids) => coursesByIds(db, ids),
  );
  return { ...page, nodes: page.nodes.map(({ row, score, snippets }) => ({ course: row, score, snippets })) };
}

/** The caller's own courses, drafts included, newest first. */
export async function myCourses(
  db: ContentDb,
  actor: Actor,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CourseRow>> {
  return newestFirstPage(args, CONTENT_PAGE_LIMITS, ({ after, ...page }) =>
    db.course.findMany({
      where: { AND: [{ authorId: actor.userId }, after] },
      ...page,
      include: COURSE_PARTS,
    }),
  );
}

/** Lessons by id with their course's author, for the loaders (null where none). */
export async function lessonsByIds(db: ContentDb, ids: readonly string[]): Promise<(EditedLesson | null)[]> {
  const rows = await db.lesson.findMany({
    where: { id: { in: ids.filter(isUuid) } },
    include: { course: { select: { authorId: true } } },
  });
  const byId = new Map(
    rows.map(({ course, ...lesson }) => [lesson.id, { lesson, authorId: course.authorId }]),
  );
  return ids.map((id) => byId.get(id) ?? null);
}
