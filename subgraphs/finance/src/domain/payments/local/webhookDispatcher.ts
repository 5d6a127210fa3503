import type { Logger } from "@health/platform/logging";
import type { FinanceDb, FinanceTx } from "../../../db.ts";
import { SIGNATURE_HEADER, signWebhook } from "./webhookSignature.ts";

// The local provider's outgoing webhooks: rows in `local_provider_webhooks`, sent when due and retried
// with backoff until finance answers 2xx. One timer for the next due row (idle costs nothing, rule 11),
// and a look every 30 s for rows another instance wrote and can no longer send (it stopped);
// a row is leased while it is sent (FOR UPDATE SKIP LOCKED), so several instances never send it twice
// at once. Finance dedupes by event id anyway, as it must with any provider.

export interface WebhookDispatcher {
  /** Writes a webhook, due in `delayMs`, in the caller's transaction. */
  enqueue(tx: FinanceTx, body: string, delayMs: number): Promise<void>;
  /** Sends what is due in `delayMs` (after the enqueuing transaction committed). */
  wakeIn(delayMs: number): void;
  /** Where webhooks go from now on (a test's subgraph on a free port). */
  deliverTo(url: string): void;
  /** Sends what is due now and arms the timer for the rest (at start, after a restart). */
  start(): void;
  stop(): Promise<void>;
}

const LEASE_SECONDS = 30;
const FALLBACK_MS = 30_000;
const SEND_TIMEOUT_MS = 5_000;
const backoffSeconds = (attempts: number) => Math.min(2 ** attempts, 300);
// A wake can come before the enqueuing transaction committed (a busy database): for this long after an
// enqueue, a look that finds nothing pending looks again every RECHECK_MS instead of waiting for the sweep.
const UNCOMMITTED_GRACE_MS = 15_000;
const RECHECK_MS = 250;

export function createWebhookDispatcher(options: {
  db: FinanceDb;
  secret: string;
  url: string;
  logger: Logger;
}): WebhookDispatcher {
  let url = options.url;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Number.POSITIVE_INFINITY;
  let stopped = false;
  let fallback: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastEnqueueAt = Number.NEGATIVE_INFINITY;

  const wakeIn = (delayMs: number) => {
    if (stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (timer && timerAt <= at) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = undefined;
        timerAt = Number.POSITIVE_INFINITY;
        running = running
          .then(sendDue)
          .catch((error) => options.logger.warn({ err: error }, "local provider webhooks: send failed"));
      },
      Math.max(0, delayMs),
    );
  };

  const send = async (row: { eventId: string; body: string; attempts: number }) => {
    const signature = signWebhook(options.secret, row.body, new Date());
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signature },
        body: row.body,
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (response.ok) {
        await options.db.$executeRawUnsafe(
          "UPDATE local_provider_webhooks SET sent_at = now() WHERE event_id = $1::uuid",
          row.eventId,
        );
        return;
      }
    } catch {
      // Finance unreachable: retried below, as a provider would.
    }
    await options.db.$executeRawUnsafe(
      `UPDATE local_provider_webhooks SET due_at = now() + make_interval(secs => $2::float8) WHERE event_id = $1::uuid`,
      row.eventId,
      backoffSeconds(row.attempts),
    );
  };

  async function sendDue(): Promise<void> {
    if (stopped) return;
    const due = await options.db.$queryRawUnsafe<Array<{ eventId: string; body: string; attempts: number }>>(
      `UPDATE local_provider_webhooks SET attempts = attempts + 1, due_at = now() + make_interval(secs => $1::float8)
        WHERE event_id IN (SELECT event_id FROM local_provider_webhooks
                            WHERE sent_at IS NULL AND due_at <= now()
                            ORDER BY due_at LIMIT 50 FOR UPDATE SKIP LOCKED)
       RETURNING event_id::text AS "eventId", body, attempts`,
      LEASE_SECONDS,
    );
    await Promise.all(due.map(send));
    const [next] = await options.db.$queryRawUnsafe<Array<{ inMs: number | null }>>(
      `SELECT (extract(epoch FROM min(due_at) - now()) * 1000)::float8 AS "inMs"
         FROM local_provider_webhooks WHERE sent_at IS NULL`,
    );
    if (next?.inMs !== null && next?.inMs !== undefined) wakeIn(next.inMs);
    else if (Date.now() - lastEnqueueAt < UNCOMMITTED_GRACE_MS) wakeIn(RECHECK_MS);
  }

  return {
    async enqueue(tx, body, delayMs) {
      const { id } = JSON.parse(body) as { id: string };
      lastEnqueueAt = Date.now();
      await tx.$executeRawUnsafe(
        `INSERT INTO local_provider_webhooks (event_id, body, due_at)
         VALUES ($1::uuid, $2, now() + make_interval(secs => $3::float8))`,
        id,
        body,
        delayMs / 1000,
      );
    },
    wakeIn,
    deliverTo(next) {
      url = next;
    },
    start() {
      wakeIn(0);
      fallback = setInterval(() => wakeIn(0), FALLBACK_MS);
      fallback.unref();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(fallback);
      await running;
    },
  };
}
