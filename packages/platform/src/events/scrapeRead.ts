/** How long a scrape waits for one read of a gauge (Prometheus' own scrape timeout is 10 s by default). */
export const SCRAPE_READ_TIMEOUT_MS = 2_000;

/**
 * Runs `read` for a scrape, waiting at most `timeoutMs`: a read that fails or is still running by then
 * leaves the gauge's last value, so `/metrics` answers while Postgres or NATS is away. A read that keeps
 * running finishes or fails on its own timeout (the pool's query timeout, JetStream's API timeout).
 */
export async function readForScrape(
  read: (() => Promise<void>) | undefined,
  timeoutMs = SCRAPE_READ_TIMEOUT_MS,
): Promise<void> {
  if (!read) return;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
  });
  await Promise.race([read().catch(() => undefined), waited]);
  clearTimeout(timer);
}
