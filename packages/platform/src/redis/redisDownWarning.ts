import type { Logger } from "pino";

/**
 * One warning per `everyMs` while Redis fails, however many requests go on without it: an outage must
 * show in the logs without flooding them. Default every 10 s.
 */
export function redisDownWarning(logger: Logger, everyMs = 10_000): (error: unknown) => void {
  let last = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    logger.warn({ err: error, failuresSinceLastWarning: skipped }, "Redis unreachable; going on without it");
    last = now;
    skipped = 0;
  };
}
