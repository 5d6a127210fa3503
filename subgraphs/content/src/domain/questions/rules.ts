import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, conflict, forbidden } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import { BountyStatus, ModerationStatus, QuestionStatus } from "../../generated/prisma/enums.ts";
import { validatedChanges } from "../posts/rules.ts";

// The pure rules of the Q&A (M12): what a question and an answer may hold, who sees a question, who may
// answer, vote and accept, and how answers are ordered.

export const MAX_QUESTION_TITLE_LENGTH = 150;
export const MAX_QUESTION_BODY_LENGTH = 10_000;
export const MAX_ANSWER_BODY_LENGTH = 10_000;
export const MAX_QUESTION_TAGS = 5;
export const MAX_QUESTION_TAG_LENGTH = 32;
/** The largest bounty one question may carry, in points. */
export const MAX_BOUNTY_POINTS = 100_000;

export interface AskQuestionCommand {
  title: string;
  body: string;
  tags?: readonly string[] | null;
  bountyPoints?: number | null;
}

/** A tag as stored: trimmed, lowercased, inner spaces as one `-` (`Blood Pressure` → `blood-pressure`). */
export function normalizeTag(tag: string, field: string): string {
  return requiredText(tag, field, MAX_QUESTION_TAG_LENGTH).toLowerCase().replace(/\s+/g, "-");
}

/** At most 5 tags, each normalized, duplicates dropped. */
export function validateQuestionTags(tags: readonly string[] | null | undefined, field: string): string[] {
  const list = tags ?? [];
  if (list.length > MAX_QUESTION_TAGS) {
    throw badInput(field, `${field} holds at most ${MAX_QUESTION_TAGS} tags.`);
  }
  return [...new Set(list.map((tag, i) => normalizeTag(tag, `${field}[${i}]`)))];
}

/** A bounty of whole points, 1–100,000; null or absent is no bounty. */
export function validateBounty(points: number | null | undefined, field: string): number | null {
  if (points === null || points === undefined) return null;
  if (!Number.isInteger(points) || points < 1 || points > MAX_BOUNTY_POINTS) {
    throw badInput(field, `${field} must be a whole number of points, 1–${MAX_BOUNTY_POINTS}.`);
  }
  return points;
}

/**
 * A new question, checked before anything is written (BAD_USER_INPUT naming `input.<field>`); a bounty
 * needs an idempotency key, as it moves points.
 */
export function validateNewQuestion(input: AskQuestionCommand, idempotencyKey: string | null | undefined) {
  const question = {
    title: requiredText(input.title, "input.title", MAX_QUESTION_TITLE_LENGTH),
    body: requiredText(input.body, "input.body", MAX_QUESTION_BODY_LENGTH),
    tags: validateQuestionTags(input.tags, "input.tags"),
    bountyPoints: validateBounty(input.bountyPoints, "input.bountyPoints"),
  };
  if (question.bountyPoints !== null && !idempotencyKey?.trim()) {
    throw badInput(
      "idempotencyKey",
      "idempotencyKey is required with a bounty, so that a retry holds it once.",
    );
  }
  return question;
}

export interface UpdateQuestionCommand {
  title?: string | null;
  body?: string | null;
  tags?: readonly string[] | null;
}

/** The given changes of a question (as asking checks them; the bounty is not editable), at least one. */
export const validateQuestionChanges = (input: UpdateQuestionCommand) =>
  validatedChanges<{ title: string; body: string; tags: string[] }>(input, {
    title: (title: string) => requiredText(title, "input.title", MAX_QUESTION_TITLE_LENGTH),
    body: (body: string) => requiredText(body, "input.body", MAX_QUESTION_BODY_LENGTH),
    tags: (tags: readonly string[]) => validateQuestionTags(tags, "input.tags"),
  });

export const validateAnswerBody = (body: string, field = "body"): string =>
  requiredText(body, field, MAX_ANSWER_BODY_LENGTH);

/** What a new question is: OPEN at once, or PENDING until finance holds its bounty. */
export const initialQuestionState = (bountyPoints: number | null) =>
  bountyPoints === null
    ? { status: QuestionStatus.OPEN, bountyStatus: null }
    : { status: QuestionStatus.PENDING, bountyStatus: BountyStatus.REQUESTED };

/** Public: OPEN or ANSWERED. PENDING and REJECTED questions are their asker's (and admins') alone. */
export const isPublicQuestion = (status: QuestionStatus): boolean =>
  status === QuestionStatus.OPEN || status === QuestionStatus.ANSWERED;

/**
 * Shown to everyone, listed and searchable: public by its bounty's state and PUBLISHED by moderation.
 * The two are kept apart so that the bounty saga never has to know about a review, nor a review about it.
 */
export const isListedQuestion = (question: {
  status: QuestionStatus;
  moderation: ModerationStatus;
}): boolean => isPublicQuestion(question.status) && question.moderation === ModerationStatus.PUBLISHED;

const isAdmin = (actor: Actor | null): boolean => actor !== null && hasRole(actor, "admin");

export const canViewQuestion = (
  actor: Actor | null,
  question: { askerId: string; status: QuestionStatus; moderation: ModerationStatus },
): boolean => isListedQuestion(question) || actor?.userId === question.askerId || isAdmin(actor);

/** A PUBLISHED answer is for whoever sees its question; a held or removed one for its author and admins. */
export const canViewAnswer = (
  actor: Actor | null,
  answer: { authorId: string; moderation: ModerationStatus },
): boolean =>
  answer.moderation === ModerationStatus.PUBLISHED || actor?.userId === answer.authorId || isAdmin(actor);

/** Why a question the caller sees takes no answers, votes or acceptance: held or removed by a moderator. */
function assertNotModerated(question: { moderation: ModerationStatus }): void {
  if (question.moderation === ModerationStatus.PENDING_REVIEW) {
    throw conflict("This question is held for a moderator's review.");
  }
  if (question.moderation === ModerationStatus.REMOVED) {
    throw conflict("This question was removed by a moderator.");
  }
}

/** Answers go to listed questions only; the asker of a PENDING, REJECTED or held one is told why not. */
export function assertAnswerable(question: { status: QuestionStatus; moderation: ModerationStatus }): void {
  if (!isPublicQuestion(question.status)) {
    throw conflict(
      question.status === QuestionStatus.PENDING
        ? "This question is not open yet: its bounty is still being held."
        : "This question was rejected and takes no answers.",
    );
  }
  assertNotModerated(question);
}

/**
 * Only the asker accepts, once, an answer to their own OPEN question, and not one they wrote themselves.
 * FORBIDDEN for anyone else (they see the question but may not decide for it); CONFLICT when the state
 * of things forbids it.
 */
export function assertMayAccept(
  actor: Actor,
  question: {
    askerId: string;
    status: QuestionStatus;
    moderation: ModerationStatus;
    acceptedAnswerId: string | null;
  },
  answer: { authorId: string; moderation: ModerationStatus },
): void {
  if (question.askerId !== actor.userId)
    throw forbidden("Only the asker of this question accepts an answer.");
  if (question.acceptedAnswerId !== null || question.status === QuestionStatus.ANSWERED) {
    throw conflict("This question has an accepted answer already; an acceptance is final.");
  }
  if (question.status !== QuestionStatus.OPEN)
    throw conflict("Only an open question's answer can be accepted.");
  assertNotModerated(question);
  if (answer.authorId === actor.userId) throw conflict("You cannot accept your own answer.");
  if (answer.moderation !== ModerationStatus.PUBLISHED) {
    throw conflict("This answer is held for a moderator's review, or was removed: it cannot be accepted.");
  }
}

export type VoteDirection = "UP" | "DOWN";

/** The stored value of a vote: +1 up, -1 down. */
export const voteValue = (vote: VoteDirection): 1 | -1 => (vote === "UP" ? 1 : -1);

/** One vote per user per answer, on published answers of listed questions, never on one's own answer. */
export function assertMayVote(
  actor: Actor,
  answer: { authorId: string; moderation: ModerationStatus },
  question: { status: QuestionStatus; moderation: ModerationStatus },
): void {
  if (!isListedQuestion(question) || answer.moderation !== ModerationStatus.PUBLISHED) {
    throw conflict("Only published answers of a public question take votes.");
  }
  if (answer.authorId === actor.userId) throw forbidden("You cannot vote on your own answer.");
}

/** Answers as a question shows them: the accepted one first, then by score, then oldest first. */
export function orderAnswers<A extends { id: string; score: number; createdAt: Date }>(
  answers: readonly A[],
  acceptedAnswerId: string | null,
): A[] {
  return [...answers].sort((a, b) => {
    if (a.id === acceptedAnswerId) return -1;
    if (b.id === acceptedAnswerId) return 1;
    if (a.score !== b.score) return b.score - a.score;
    return a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);
  });
}

/** The most of the answers' text search indexes for one question (a tsvector holds at most 1 MB). */
export const MAX_ANSWERS_SEARCH_TEXT = 200_000;

/** What search may show of a question's answers: their bodies, best first, cut at a bound. */
export const answersSearchText = (bodies: readonly string[]): string =>
  bodies.join("\n").slice(0, MAX_ANSWERS_SEARCH_TEXT);

/** The bounty's lifetime once held: when it returns to the asker if no answer was accepted. */
export const bountyExpiry = (heldAt: Date, ttlMs: number): Date => new Date(heldAt.getTime() + ttlMs);
