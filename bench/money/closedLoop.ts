import { ascending, percentile } from "../stats.ts";

export interface LoopResult<O extends string> {
  /** Jobs finished per second, from the first start to the last answer. */
  perSecond: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  outcomes: Record<O | "error", number>;
  /** The first error's message, to print when something failed that should not have. */
  firstError: string | null;
}

/**
 * Runs `count` jobs, `concurrency` at a time (each worker starts the next as soon as its last one
 * answered), and times each. A job resolves to its outcome; one that throws counts as `error`.
 */
export async function closedLoop<O extends string>(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<O>,
): Promise<LoopResult<O>> {
  const outcomes = { error: 0 } as Record<O | "error", number>;
  const latencies: number[] = [];
  let firstError: string | null = null;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        const begun = performance.now();
        let outcome: O | "error";
        try {
          outcome = await job(index);
        } catch (error) {
          outcome = "error";
          firstError ??= String(error).slice(0, 300);
        }
        latencies.push(performance.now() - begun);
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = ascending(latencies);
  return {
    perSecond: count / seconds,
    seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    outcomes,
    firstError,
  };
}
