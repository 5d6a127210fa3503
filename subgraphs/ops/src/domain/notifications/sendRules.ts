import { badInput } from "@health/platform/errors";
import { requiredText, uuidArg } from "@health/platform/graphql";
import { NotificationSegment } from "../../generated/prisma/enums.ts";

/** An operator's send as the client gives it. */
export interface SendInput {
  sendId?: string | null;
  segment: NotificationSegment;
  coachId?: string | null;
  userIds?: readonly string[] | null;
  title: string;
  body: string;
}

/** A checked send: its segment's parameter present exactly when the segment takes one. */
export interface CheckedSend {
  sendId: string | null;
  segment: NotificationSegment;
  coachId: string | null;
  userIds: string[];
  title: string;
  body: string;
}

export const MAX_TITLE = 120;
export const MAX_BODY = 1000;
/** USERS names at most this many recipients; larger audiences are a segment. */
export const MAX_SEGMENT_USERS = 1000;

/** Checks an operator's send before anything is written; every problem is BAD_USER_INPUT naming its field. */
export function checkSend(input: SendInput): CheckedSend {
  const sendId = input.sendId ? uuidArg(input.sendId, "input.sendId", "a send id") : null;
  const title = requiredText(input.title, "input.title", MAX_TITLE);
  const body = requiredText(input.body, "input.body", MAX_BODY);
  const takesCoach = input.segment === NotificationSegment.FOLLOWERS_OF;
  const takesUsers = input.segment === NotificationSegment.USERS;
  if (takesCoach && !input.coachId) {
    throw badInput("input.coachId", "Segment FOLLOWERS_OF needs input.coachId: whose followers to notify.");
  }
  if (!takesCoach && input.coachId) {
    throw badInput("input.coachId", `input.coachId is for segment FOLLOWERS_OF only, not ${input.segment}.`);
  }
  if (!takesUsers && input.userIds && input.userIds.length > 0) {
    throw badInput("input.userIds", `input.userIds is for segment USERS only, not ${input.segment}.`);
  }
  let userIds: string[] = [];
  if (takesUsers) {
    const given = input.userIds ?? [];
    if (given.length === 0 || given.length > MAX_SEGMENT_USERS) {
      throw badInput(
        "input.userIds",
        `Segment USERS needs 1–${MAX_SEGMENT_USERS} user ids in input.userIds.`,
      );
    }
    userIds = [...new Set(given.map((id, i) => uuidArg(id, `input.userIds[${i}]`, "a user id")))].sort();
  }
  return {
    sendId,
    segment: input.segment,
    coachId:
      takesCoach && input.coachId ? uuidArg(input.coachId, "input.coachId", "a coach's user id") : null,
    userIds,
    title,
    body,
  };
}

/** The same send asked twice under one send id (same operator, same content) is the same send. */
export const sameSend = (
  a: CheckedSend & { sentBy: string },
  b: {
    segment: NotificationSegment;
    coachId: string | null;
    userIds: string[];
    title: string;
    body: string;
    sentBy: string | null;
  },
): boolean =>
  a.sentBy === b.sentBy &&
  a.segment === b.segment &&
  a.coachId === b.coachId &&
  a.title === b.title &&
  a.body === b.body &&
  a.userIds.length === b.userIds.length &&
  a.userIds.every((id, i) => id === b.userIds[i]);
