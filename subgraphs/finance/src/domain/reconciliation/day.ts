import { badInput } from "@health/platform/errors";
import type { ReconciliationDay } from "./gather.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC day `date` names (YYYY-MM-DD, a real calendar day, not after `now`'s day); anything else is
 * BAD_USER_INPUT on `date` saying what to pass.
 */
export function dayOf(date: string, now: Date): ReconciliationDay {
  const match = DATE.exec(date);
  const start = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!start || Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== date) {
    throw badInput(
      "date",
      `date must be a calendar day as YYYY-MM-DD (UTC), e.g. 2026-12-06; got "${date}".`,
    );
  }
  if (start.getTime() > now.getTime()) {
    throw badInput("date", `date ${date} has not begun yet (UTC); reconcile a day that has.`);
  }
  return { date, start, end: new Date(start.getTime() + DAY_MS) };
}

/** The UTC day before `now`'s, as YYYY-MM-DD. */
export const yesterdayOf = (now: Date): string => new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
