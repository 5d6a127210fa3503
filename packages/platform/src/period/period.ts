import { badInput } from "../errors/index.ts";

/** A period a report covers (biz's workbench and performance reports, ops's analytics): from ≤ t < to. */
export interface Period {
  from: Date;
  to: Date;
}

/** The longest period one workbench view or report covers (a year, leap years included). */
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `from` before `to`, both real dates, at most 366 days apart; else BAD_USER_INPUT naming the field
 * (`<prefix>from` / `<prefix>to`, e.g. "input.to").
 */
export function checkedPeriod(period: Period, prefix = ""): Period {
  if (Number.isNaN(period.from.getTime())) throw badInput(`${prefix}from`, "from must be a date-time.");
  if (Number.isNaN(period.to.getTime())) throw badInput(`${prefix}to`, "to must be a date-time.");
  const span = period.to.getTime() - period.from.getTime();
  if (!(span > 0)) throw badInput(`${prefix}to`, "to must be after from (the period is from ≤ t < to).");
  if (span > MAX_PERIOD_DAYS * DAY_MS) {
    throw badInput(`${prefix}to`, `A period covers at most ${MAX_PERIOD_DAYS} days; ask for a shorter one.`);
  }
  return period;
}

/** The UTC calendar day of `at`, as YYYY-MM-DD. */
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * Every UTC day the period touches, in order: from's day through the day of the last instant before
 * `to` (a `to` at midnight does not open a day of its own). At most 367 for a checked period.
 */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  const last = dayOf(new Date(period.to.getTime() - 1));
  const cursor = new Date(`${dayOf(period.from)}T00:00:00.000Z`);
  for (let day = dayOf(cursor); day <= last; day = dayOf(cursor)) {
    days.push(day);
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return days;
}

/** Whether `at` is in the period. */
export const within = (period: Period, at: Date | null | undefined): at is Date =>
  at != null && at >= period.from && at < period.to;
