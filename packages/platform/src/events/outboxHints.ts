/**
 * An in-process hint that an outbox row was just written, so the relay of this process wakes instead of
 * polling (../shared/design/ARCHITECTURE.md rule 11). It is given before the row's transaction commits, so the relay polls
 * fast for a short while after a hint (`outboxRelay.ts`) rather than once. Rows written by another
 * process are that process's relay's to wake for; the slow fallback poll covers any other writer.
 *
 * Not LISTEN/NOTIFY: a NOTIFY takes a cluster-wide lock at commit, which serialized the producers'
 * commits and tripled the lag at 1,000 events/s on this machine (bench/events, 2026-12-04).
 */
const listeners = new Set<() => void>();

export function hintOutboxWrite(): void {
  for (const listener of listeners) listener();
}

/** Calls `listener` on every hint in this process; returns how to stop. */
export function onOutboxWrite(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
