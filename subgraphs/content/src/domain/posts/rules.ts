import { type Actor, hasRole } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import { ModerationStatus } from "../../generated/prisma/enums.ts";
import { validateTags } from "../courses/rules.ts";

// The pure rules of community posts (M11): what a post, a comment and a report may hold, who sees,
// edits and deletes them, and when reports hide a post.

export const MAX_POST_TITLE_LENGTH = 120;
export const MAX_POST_BODY_LENGTH = 5_000;
export const MAX_COMMENT_LENGTH = 2_000;
export const MAX_REASON_LENGTH = 500;

export interface CreatePostCommand {
  title: string;
  body: string;
  tags?: string[] | null;
}

export interface UpdatePostCommand {
  title?: string | null;
  body?: string | null;
  tags?: string[] | null;
}

/** A new post, checked before anything is written (BAD_USER_INPUT naming `input.<field>`). */
export const validateNewPost = (input: CreatePostCommand) => ({
  title: requiredText(input.title, "input.title", MAX_POST_TITLE_LENGTH),
  body: requiredText(input.body, "input.body", MAX_POST_BODY_LENGTH),
  tags: validateTags(input.tags, "input.tags"),
});

/**
 * The fields of an edit's `input` that are given (not null), each checked by its validator (which names
 * `input.<field>`); at least one is needed. Posts, questions and answers are edited alike.
 */
export function validatedChanges<T extends Record<string, unknown>>(
  input: object,
  validators: { [K in keyof T]: (value: never) => T[K] },
): Partial<T> {
  const changes: Partial<T> = {};
  for (const key of Object.keys(validators) as (keyof T & string)[]) {
    const value = (input as Record<string, unknown>)[key];
    if (value != null) changes[key] = (validators[key] as (given: unknown) => T[typeof key])(value);
  }
  if (Object.keys(changes).length === 0) {
    throw badInput("input", `input must change at least one of ${Object.keys(validators).join(", ")}.`);
  }
  return changes;
}

/** The given changes of a post, checked; at least one is needed. */
export const validatePostChanges = (input: UpdatePostCommand) =>
  validatedChanges<ReturnType<typeof validateNewPost>>(input, {
    title: (title: string) => requiredText(title, "input.title", MAX_POST_TITLE_LENGTH),
    body: (body: string) => requiredText(body, "input.body", MAX_POST_BODY_LENGTH),
    tags: (tags: string[]) => validateTags(tags, "input.tags"),
  });

export const validateCommentBody = (body: string, field = "body") =>
  requiredText(body, field, MAX_COMMENT_LENGTH);

export const validateReason = (reason: string, field = "reason") =>
  requiredText(reason, field, MAX_REASON_LENGTH);

const isAdmin = (actor: Actor | null) => !!actor && hasRole(actor, "admin");
const isAuthor = (actor: Actor | null, item: { authorId: string }) => actor?.userId === item.authorId;

/** A published post or comment is for everyone; a hidden or removed one for its author and admins. */
export const canViewModerated = (
  actor: Actor | null,
  item: { authorId: string; status: ModerationStatus },
): boolean => item.status === ModerationStatus.PUBLISHED || isAuthor(actor, item) || isAdmin(actor);

/** Only its author edits a post, and not once an admin removed it. */
export const canEditPost = (actor: Actor | null, post: { authorId: string; status: ModerationStatus }) =>
  isAuthor(actor, post) && post.status !== ModerationStatus.REMOVED;

/** Its author or an admin deletes a post or a comment. */
export const canDelete = (actor: Actor | null, item: { authorId: string }): boolean =>
  isAuthor(actor, item) || isAdmin(actor);

/** Text that tripped the word list is held for review; clean text is published. */
export const statusOnCreate = (flagged: boolean): ModerationStatus =>
  flagged ? ModerationStatus.PENDING_REVIEW : ModerationStatus.PUBLISHED;

/**
 * An edit of a published post that trips the word list hides it; an edit never releases a hidden post
 * (an admin must review it, whatever hid it).
 */
export const statusOnEdit = (current: ModerationStatus, flagged: boolean): ModerationStatus =>
  current === ModerationStatus.PUBLISHED && !flagged
    ? ModerationStatus.PUBLISHED
    : ModerationStatus.PENDING_REVIEW;

/** Reports hide a published post once `openReports` distinct reporters reach `threshold`. */
export const hiddenByReports = (status: ModerationStatus, openReports: number, threshold: number): boolean =>
  status === ModerationStatus.PUBLISHED && openReports >= threshold;
