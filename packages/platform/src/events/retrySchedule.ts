import { type ExponentialBackoff, exponentialBackoffMs } from "./backoff.ts";

/**
 * Per-row retry times kept in memory: a row JetStream keeps refusing (too large, a subject no stream
 * holds) waits its own backoff instead of being retried on every poll, and blocks only its aggregate.
 */
export class RetrySchedule {
  private readonly rows = new Map<string, { failures: number; retryAt: number }>();

  constructor(private readonly backoff: ExponentialBackoff) {}

  isDue(id: string, now = Date.now()): boolean {
    const entry = this.rows.get(id);
    return !entry || entry.retryAt <= now;
  }

  failed(id: string, now = Date.now()): void {
    const failures = (this.rows.get(id)?.failures ?? 0) + 1;
    this.rows.set(id, { failures, retryAt: now + exponentialBackoffMs(failures, this.backoff) });
  }

  succeeded(id: string): void {
    this.rows.delete(id);
  }
}
