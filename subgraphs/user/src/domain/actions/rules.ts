import { badInput } from "@health/platform/errors";
import { pastOrNow } from "../time.ts";

export const HealthActionType = {
  WORKOUT: "WORKOUT",
  MEAL: "MEAL",
  MEDICATION: "MEDICATION",
  MEDITATION: "MEDITATION",
  WATER: "WATER",
  OTHER: "OTHER",
} as const;
export type HealthActionType = (typeof HealthActionType)[keyof typeof HealthActionType];

export interface RecordHealthActionCommand {
  type: HealthActionType;
  note?: string | null;
  durationMinutes?: number | null;
  occurredAt?: Date | null;
}

export const MAX_NOTE_LENGTH = 1000;
export const MAX_DURATION_MINUTES = 24 * 60;

export function validateHealthAction(input: RecordHealthActionCommand, now: Date) {
  const note = input.note?.trim() || null;
  if (note && note.length > MAX_NOTE_LENGTH) {
    throw badInput("input.note", `input.note must be at most ${MAX_NOTE_LENGTH} characters.`);
  }
  const duration = input.durationMinutes ?? null;
  if (duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > MAX_DURATION_MINUTES)) {
    throw badInput(
      "input.durationMinutes",
      `input.durationMinutes must be between 1 and ${MAX_DURATION_MINUTES}.`,
    );
  }
  return {
    type: input.type,
    note,
    durationMinutes: duration,
    occurredAt: pastOrNow(input.occurredAt, now, "input.occurredAt"),
  };
}
