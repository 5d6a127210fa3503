export interface ExponentialBackoff {
  initialMs: number;
  maxMs: number;
}

/** `initialMs × 2^failures`, capped at `maxMs`; `failures` counts consecutive failures, from 0. */
export function exponentialBackoffMs(failures: number, { initialMs, maxMs }: ExponentialBackoff): number {
  if (failures <= 0) return 0;
  return Math.min(maxMs, initialMs * 2 ** Math.min(failures - 1, 30));
}

/** The relay's pause after failed passes while NATS (or the stream) is unreachable: 50 ms → 5 s. */
export const RELAY_BACKOFF: ExponentialBackoff = { initialMs: 50, maxMs: 5_000 };

/** A consumer's nak delays by delivery: 100 ms, 200 ms, 400 ms, ... capped at 30 s. */
export const DEFAULT_REDELIVERY_BACKOFF_MS: readonly number[] = Array.from({ length: 10 }, (_, n) =>
  Math.min(30_000, 100 * 2 ** n),
);

/**
 * How long to wait before the next delivery after delivery number `deliveryCount` (1-based) failed:
 * the matching entry of `backoffMs`, or its last entry once deliveries outnumber it.
 */
export function redeliveryDelayMs(deliveryCount: number, backoffMs: readonly number[]): number {
  if (backoffMs.length === 0) return 0;
  const index = Math.min(Math.max(deliveryCount, 1), backoffMs.length) - 1;
  return backoffMs[index]!;
}
