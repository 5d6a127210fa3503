import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, conflict, forbidden } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import { PublicationStatus } from "../../generated/prisma/enums.ts";

// The pure rules of paid courses (M06): what a course and a lesson may hold, who edits and who sees
// them, who may read a lesson's body, and what search may show of a course.

export const MAX_TITLE_LENGTH = 120;
export const MAX_SUMMARY_LENGTH = 2_000;
export const MAX_BODY_LENGTH = 100_000;
export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;
export const MAX_POSITION = 10_000;

export interface CreateCourseCommand {
  title: string;
  summary: string;
  priceAmount: number;
  currency?: string | null;
  tags?: string[] | null;
}

export interface UpdateCourseCommand {
  title?: string | null;
  summary?: string | null;
  priceAmount?: number | null;
  currency?: string | null;
  tags?: string[] | null;
}

export interface AddLessonCommand {
  title: string;
  body: string;
  position: number;
  preview?: boolean | null;
}

export interface UpdateLessonCommand {
  title?: string | null;
  body?: string | null;
  position?: number | null;
  preview?: boolean | null;
}

/** Tags are lowercased and trimmed, each 1–32 characters, at most 10, duplicates dropped. */
export function validateTags(tags: readonly string[] | null | undefined, field: string): string[] {
  const list = tags ?? [];
  if (list.length > MAX_TAGS) throw badInput(field, `${field} holds at most ${MAX_TAGS} tags.`);
  const normalized = list.map((tag, i) => requiredText(tag, `${field}[${i}]`, MAX_TAG_LENGTH).toLowerCase());
  return [...new Set(normalized)];
}

/** A tag argument of a list, normalized as stored tags are. */
export const tagArg = (tag: string, field: string): string =>
  requiredText(tag, field, MAX_TAG_LENGTH).toLowerCase();

function position(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_POSITION) {
    throw badInput(field, `${field} must be a whole number, 1–${MAX_POSITION}.`);
  }
  return value;
}

/** A new course, checked before anything is written (BAD_USER_INPUT naming `input.<field>`). */
export function validateNewCourse(input: CreateCourseCommand) {
  const price = parseMoney(input.priceAmount, input.currency, "input");
  return {
    title: requiredText(input.title, "input.title", MAX_TITLE_LENGTH),
    summary: requiredText(input.summary, "input.summary", MAX_SUMMARY_LENGTH),
    priceAmount: price.amount,
    currency: price.currency,
    tags: validateTags(input.tags, "input.tags"),
  };
}

/** The given changes of a course, checked; a price change names its currency or keeps the course's. */
export function validateCourseChanges(input: UpdateCourseCommand, current: { currency: string }) {
  const changes: Partial<ReturnType<typeof validateNewCourse>> = {};
  if (input.title != null) changes.title = requiredText(input.title, "input.title", MAX_TITLE_LENGTH);
  if (input.summary != null) {
    changes.summary = requiredText(input.summary, "input.summary", MAX_SUMMARY_LENGTH);
  }
  if (input.priceAmount != null || input.currency != null) {
    const amount = input.priceAmount ?? 0;
    const price = parseMoney(amount, input.currency ?? current.currency, "input");
    if (input.priceAmount != null) changes.priceAmount = price.amount;
    changes.currency = price.currency;
  }
  if (input.tags != null) changes.tags = validateTags(input.tags, "input.tags");
  return changes;
}

/** A new lesson, checked (BAD_USER_INPUT naming `input.<field>`). */
export function validateNewLesson(input: AddLessonCommand) {
  return {
    title: requiredText(input.title, "input.title", MAX_TITLE_LENGTH),
    body: requiredText(input.body, "input.body", MAX_BODY_LENGTH),
    position: position(input.position, "input.position"),
    preview: input.preview ?? false,
  };
}

/** The given changes of a lesson, checked. */
export function validateLessonChanges(input: UpdateLessonCommand) {
  const changes: Partial<ReturnType<typeof validateNewLesson>> = {};
  if (input.title != null) changes.title = requiredText(input.title, "input.title", MAX_TITLE_LENGTH);
  if (input.body != null) changes.body = requiredText(input.body, "input.body", MAX_BODY_LENGTH);
  if (input.position != null) changes.position = position(input.position, "input.position");
  if (input.preview != null) changes.preview = input.preview;
  return changes;
}

/** Its author and admins edit a course and its lessons, and see them as drafts. */
export const canEditCourse = (actor: Actor | null, course: { authorId: string }): boolean =>
  !!actor && (actor.userId === course.authorId || hasRole(actor, "admin"));

/** A published course is for everyone; a draft for those who edit it. */
export const canViewCourse = (
  actor: Actor | null,
  course: { authorId: string; status: PublicationStatus },
): boolean => course.status === PublicationStatus.PUBLISHED || canEditCourse(actor, course);

/** The lessons a caller sees of a course it may view: the published ones, or all for an editor. */
export const visibleLessons = <L extends { status: PublicationStatus }>(
  actor: Actor | null,
  course: { authorId: string },
  lessons: readonly L[],
): L[] =>
  canEditCourse(actor, course)
    ? [...lessons]
    : lessons.filter((lesson) => lesson.status === PublicationStatus.PUBLISHED);

/**
 * A lesson's body: a preview's is for everyone; a paid one's for the course's buyers (`entitled`), its
 * author and admins. Title and preview flag are for anyone who sees the lesson.
 */
export const mayReadLessonBody = (
  actor: Actor | null,
  lesson: { preview: boolean },
  course: { authorId: string },
  entitled: boolean,
): boolean => lesson.preview || canEditCourse(actor, course) || entitled;

/** What a purchase does: grant at once (a free course), or ask finance for the price. */
export type PurchasePlan = { kind: "grant" } | { kind: "pay"; amount: number; currency: string };

/**
 * Whether `actor` may buy `course` (published, seen by the caller): its author has it already, as has a
 * buyer with a PAID purchase; one PENDING is being paid for; a withdrawn course is sold no more. Each of
 * those is CONFLICT.
 */
export function decidePurchase(
  actor: Actor,
  course: { id: string; authorId: string; priceAmount: number; currency: string; withdrawnAt?: Date | null },
  open: { status: "PENDING" | "PAID" | "FAILED" } | null,
): PurchasePlan {
  if (course.authorId === actor.userId) {
    throw conflict(`Course ${course.id} is yours: its author reads every lesson without buying it.`);
  }
  if (open?.status === "PAID") throw conflict(`You own course ${course.id} already.`);
  if (open?.status === "PENDING") {
    throw conflict(`Your purchase of course ${course.id} is being paid for; wait for its outcome.`);
  }
  if (course.withdrawnAt) {
    throw conflict(`Course ${course.id} is withdrawn from sale: its author's account was closed.`);
  }
  return course.priceAmount === 0
    ? { kind: "grant" }
    : { kind: "pay", amount: course.priceAmount, currency: course.currency };
}

/** The key held by a buyer's one live (PENDING or PAID) purchase of a course. */
export const openPurchaseKey = (courseId: string, buyerId: string) => `${courseId}:${buyerId}`;

/**
 * What search holds of a course: its title, summary, and of its lessons the published ones' titles
 * and the preview ones' bodies. A paid lesson's body is never indexed, so no snippet can show it.
 */
export function courseSearchText(
  lessons: ReadonlyArray<{ title: string; body: string; preview: boolean; status: PublicationStatus }>,
): string {
  return lessons
    .filter((lesson) => lesson.status === PublicationStatus.PUBLISHED)
    .map((lesson) => (lesson.preview ? `${lesson.title}\n${lesson.body}` : lesson.title))
    .join("\n");
}

/**
 * A lesson's body for `actor`, or FORBIDDEN naming the lesson: asks `owns(courseId)` (the caller's
 * PAID purchase, per-request loader) only when neither the preview flag nor editing decides it.
 */
export async function lessonBody(
  actor: Actor | null,
  lesson: { id: string; preview: boolean; courseId: string; courseAuthorId: string; bodyText: string },
  owns: (courseId: string) => Promise<boolean>,
): Promise<string> {
  const course = { authorId: lesson.courseAuthorId };
  const decided = lesson.preview || canEditCourse(actor, course);
  const entitled = decided ? false : actor !== null && (await owns(lesson.courseId));
  if (!mayReadLessonBody(actor, lesson, course, entitled)) {
    throw forbidden(
      `Lesson ${lesson.id} is paid: its body is for those who bought course ${lesson.courseId} (purchaseCourse).`,
    );
  }
  return lesson.bodyText;
}
