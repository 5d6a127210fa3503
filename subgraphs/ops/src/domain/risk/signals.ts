import type { SqlExecutor } from "@health/platform/events";

// The rules' windows, counted in ops's own `risk_signals` (not Redis: the count then commits with the
// inbox row and the alert, so a redelivered event neither counts twice nor raises a second alert).

export interface Signal {
  rule: string;
  /** The event id, or what makes two events one signal (a payment's id). */
  signalKey: string;
  subjectKey: string;
  /** What may repeat (a chat message's content hash). */
  detail?: string | null;
  occurredAt: Date;
}

/**
 * Takes the (rule, subject) lock for the rest of the transaction, so two instances counting the same
 * coach's attempts at once cannot both miss the one that crosses the threshold.
 */
export async function lockSubject(tx: SqlExecutor, rule: string, subjectKey: string): Promise<void> {
  await tx.$queryRawUnsafe(
    `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))::text`,
    `${rule}:${subjectKey}`,
  );
}

/** Records a signal; false when it was already recorded (the same payment announced twice). */
export async function recordSignal(tx: SqlExecutor, signal: Signal): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    `INSERT INTO risk_signals (rule, signal_key, subject_key, detail, occurred_at)
     VALUES ($1, $2, $3, $4, $5::timestamptz)
     ON CONFLICT (rule, signal_key) DO NOTHING`,
    signal.rule,
    signal.signalKey,
    signal.subjectKey,
    signal.detail ?? null,
    signal.occurredAt,
  );
  return inserted > 0;
}

export interface WindowCount {
  /** Signals of the subject in (at − window, at]. */
  total: number;
  /** Of those, the ones whose detail equals `detail`. */
  same: number;
}

/**
 * Counts the subject's signals in the window ending at `at` (the event's own time, so a late or
 * redelivered event is counted in the window it belongs to), and deletes the subject's signals that no
 * window can reach any more (older than a day before `at`).
 */
export async function countWindow(
  tx: SqlExecutor,
  query: { rule: string; subjectKey: string; at: Date; windowMs: number; detail?: string | null },
): Promise<WindowCount> {
  const since = new Date(query.at.getTime() - query.windowMs);
  await tx.$executeRawUnsafe(
    `DELETE FROM risk_signals WHERE rule = $1 AND subject_key = $2 AND occurred_at < $3::timestamptz`,
    query.rule,
    query.subjectKey,
    new Date(Math.min(since.getTime(), query.at.getTime() - 86_400_000)),
  );
  const rows = await tx.$queryRawUnsafe<Array<{ total: number; same: number }>>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE detail = $5)::int AS same
       FROM risk_signals
      WHERE rule = $1 AND subject_key = $2 AND occurred_at > $3::timestamptz AND occurred_at <= $4::timestamptz`,
    query.rule,
    query.subjectKey,
    since,
    query.at,
    query.detail ?? null,
  );
  return { total: rows[0]?.total ?? 0, same: rows[0]?.same ?? 0 };
}
