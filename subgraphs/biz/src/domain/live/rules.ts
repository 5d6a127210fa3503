import { badInput } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";

// What a live stream may be scheduled with, checked whole before any write.

export const MAX_TITLE = 120;
export const MAX_DESCRIPTION = 2000;
/** How far ahead a stream may be scheduled. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;
/** A start a little in the past is a clock's skew or "now", not a mistake. */
export const SCHEDULE_PAST_TOLERANCE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface ScheduleLiveStreamInput {
  title: string;
  description?: string | null;
  scheduledAt: Date;
}

export interface CheckedSchedule {
  title: string;
  description: string | null;
  scheduledAt: Date;
}

/** Title 1–120 characters, description at most 2000, a start from now (5 minutes' grace) to a year ahead. */
export function checkedSchedule(input: ScheduleLiveStreamInput, now: Date): CheckedSchedule {
  const title = requiredText(input.title, "input.title", MAX_TITLE);
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION) {
    throw badInput("input.description", `input.description must be at most ${MAX_DESCRIPTION} characters.`);
  }
  const at = input.scheduledAt.getTime();
  if (Number.isNaN(at)) throw badInput("input.scheduledAt", "input.scheduledAt must be a date-time.");
  if (at < now.getTime() - SCHEDULE_PAST_TOLERANCE_MS) {
    throw badInput("input.scheduledAt", "input.scheduledAt is in the past; schedule the stream from now on.");
  }
  if (at > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) {
    throw badInput(
      "input.scheduledAt",
      `input.scheduledAt is more than ${MAX_SCHEDULE_AHEAD_DAYS} days ahead; schedule it closer.`,
    );
  }
  return { title, description, scheduledAt: input.scheduledAt };
}
