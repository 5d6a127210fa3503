import type { Logger } from "pino";

/**
 * Within Kubernetes' default termination grace (30 s) with room to spare: Apollo's drain gives in-flight
 * requests 10 s, and what follows (relays, consumers, connections) normally takes well under a second.
 */
export const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * On SIGINT or SIGTERM runs `close` (stop taking work, finish what is in flight, release connections)
 * and exits 0; a close that is still running after `deadlineMs` is cut short with exit code 1, so a
 * stuck connection never holds a stopping process past its grace time.
 */
export function shutdownOnSignal(
  close: () => Promise<void>,
  logger: Logger,
  deadlineMs = SHUTDOWN_DEADLINE_MS,
): void {
  const shutdown = async (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error({ deadlineMs }, "shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, deadlineMs).unref();
    try {
      await close();
    } catch (error) {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void shutdown(signal));
}
