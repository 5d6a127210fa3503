import { daysOf, type Period } from "@health/platform/period";

// The workbench's live-stream figures from biz's own live_streams rows: a stream counts as started on
// the UTC day it went LIVE, and its live time on each day it was live (a stream running past midnight
// is split across both days; one still LIVE counts up to now).

/** What the figures need of a stream. */
export interface LiveStreamFacts {
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface LiveCounts {
  streamsStarted: number;
  /** Whole minutes live, rounded down (per day, and over the period). */
  minutesLive: number;
}

export interface LiveFigures extends LiveCounts {
  /** One per UTC day of the period, in the order of `daysOf(period)`. */
  days: LiveCounts[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

const overlapMs = (from: number, to: number, start: number, end: number) =>
  Math.max(0, Math.min(to, end) - Math.max(from, start));

/** The host's live figures over `period` at `now`, with one bucket per UTC day it touches. */
export function liveFigures(period: Period, streams: readonly LiveStreamFacts[], now: Date): LiveFigures {
  const from = period.from.getTime();
  const to = period.to.getTime();
  // Each day clipped to the period (its first and last day may be partial).
  const days = daysOf(period).map((date) => {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    return { start: Math.max(midnight, from), end: Math.min(midnight + DAY_MS, to), started: 0, ms: 0 };
  });
  let totalMs = 0;
  for (const stream of streams) {
    if (!stream.startedAt) continue;
    const start = stream.startedAt.getTime();
    const end = (stream.endedAt ?? now).getTime();
    totalMs += overlapMs(from, to, start, end);
    for (const day of days) {
      if (start >= day.start && start < day.end) day.started++;
      day.ms += overlapMs(day.start, day.end, start, end);
    }
  }
  const counts = days.map((day) => ({
    streamsStarted: day.started,
    minutesLive: Math.floor(day.ms / MINUTE_MS),
  }));
  return {
    streamsStarted: counts.reduce((sum, day) => sum + day.streamsStarted, 0),
    minutesLive: Math.floor(totalMs / MINUTE_MS),
    days: counts,
  };
}
