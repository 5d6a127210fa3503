import { badInput } from "@health/platform/errors";

/** Device clocks drift: a timestamp up to this far ahead of ours is accepted as "now". */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** `at` (default `now`), refused when it lies in the future beyond the clock skew. */
export function pastOrNow(at: Date | null | undefined, now: Date, field: string): Date {
  if (!at) return now;
  if (Number.isNaN(at.getTime())) throw badInput(field, `${field} is not a valid date.`);
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw badInput(field, `${field} is in the future; send when it actually happened.`);
  }
  return at;
}

/** The UTC day `at` falls in, as [start, end). */
export function utcDay(at: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return { start, end: new Date(start.getTime() + 24 * 3600_000) };
}
