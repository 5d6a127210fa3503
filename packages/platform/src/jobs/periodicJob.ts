import type { Logger } from "pino";

export interface PeriodicJob {
  /** Waits for a run in progress, then stops. */
  stop(): Promise<void>;
}

export interface PeriodicJobOptions {
  /** Named in the warning a failed run logs. */
  name: string;
  intervalMs: number;
  logger: Logger;
}

/**
 * Runs `run` every `intervalMs` (a sweeper). A run still going when the next tick comes is not doubled,
 * and a failed one is logged and tried again on the next tick. Several instances may run the same job:
 * its work must be safe to race (conditional updates), which is the job's to guarantee. The timer does
 * not keep the process alive.
 */
export function startPeriodicJob(run: () => Promise<unknown>, options: PeriodicJobOptions): PeriodicJob {
  let running: Promise<void> | null = null;
  const once = async () => {
    try {
      await run();
    } catch (err) {
      options.logger.warn({ err, job: options.name }, `${options.name} failed; retrying on the next tick`);
    } finally {
      running = null;
    }
  };
  const timer = setInterval(() => {
    running ??= once();
  }, options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
