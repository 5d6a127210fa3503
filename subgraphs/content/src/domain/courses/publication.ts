import type { ContentTx } from "../../db.ts";
import { publishContentPublished } from "../../events/contentEvents.ts";
import { ModeratedKind, PublicationStatus } from "../../generated/prisma/enums.ts";
import { closeCase, openCase } from "../moderation/cases.ts";
import { screen } from "../moderation/screen.ts";
import { reindexCourse } from "./search.ts";

// Publishing a course or a lesson goes through the moderation word list: clean text is PUBLISHED with
// content_published; text that trips it is held PENDING_REVIEW (no event) until an admin approves it
// (`approve*` below, called by the review). Taking it back to a draft takes it out of the queue.

interface CourseText {
  id: string;
  authorId: string;
  title: string;
  summary: string;
  tags: string[];
}

interface LessonText {
  id: string;
  courseId: string;
  title: string;
  body: string;
}

/** Marks a course PUBLISHED and writes content_published (now, or when an admin approves it). */
export async function approveCourse(tx: ContentTx, course: CourseText, now: Date): Promise<void> {
  await tx.course.update({
    where: { id: course.id },
    data: { status: PublicationStatus.PUBLISHED, publishedAt: now },
  });
  await closeCase(tx, ModeratedKind.COURSE, course.id);
  await publishContentPublished(tx, { ...course, kind: "COURSE" }, now);
}

/** Marks a lesson PUBLISHED, reindexes its course and writes content_published. */
export async function approveLesson(tx: ContentTx, lesson: LessonText, authorId: string, now: Date) {
  await tx.lesson.update({
    where: { id: lesson.id },
    data: { status: PublicationStatus.PUBLISHED, publishedAt: now },
  });
  await closeCase(tx, ModeratedKind.LESSON, lesson.id);
  await reindexCourse(tx, lesson.courseId);
  await publishContentPublished(tx, { id: lesson.id, authorId, kind: "LESSON", title: lesson.title }, now);
}

/** The author publishes a course: PUBLISHED, or PENDING_REVIEW when its text trips the word list. */
export async function publishCourseText(tx: ContentTx, course: CourseText, now: Date): Promise<void> {
  const screened = await screen(tx, course.title, course.summary, ...course.tags);
  if (!screened.flagged) return approveCourse(tx, course, now);
  await tx.course.update({ where: { id: course.id }, data: { status: PublicationStatus.PENDING_REVIEW } });
  await openCase(tx, ModeratedKind.COURSE, course.id, screened.words);
}

/** The author publishes a lesson: PUBLISHED, or PENDING_REVIEW when its text trips the word list. */
export async function publishLessonText(tx: ContentTx, lesson: LessonText, authorId: string, now: Date) {
  const screened = await screen(tx, lesson.title, lesson.body);
  if (!screened.flagged) return approveLesson(tx, lesson, authorId, now);
  await tx.lesson.update({ where: { id: lesson.id }, data: { status: PublicationStatus.PENDING_REVIEW } });
  await openCase(tx, ModeratedKind.LESSON, lesson.id, screened.words);
}
