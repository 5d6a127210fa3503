import type { NatsConnection } from "nats";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { exponentialBackoffMs, RELAY_BACKOFF } from "./backoff.ts";
import { watchConnection } from "./connectionWatch.ts";
import { relayMetrics } from "./eventMetrics.ts";
import { errorMessage } from "./natsErrors.ts";
import { onOutboxWrite } from "./outboxHints.ts";
import {
  claimUnsentRows,
  deleteSentRows,
  markFailed,
  markSent,
  oldestRowsHeldElsewhere,
  outboxBacklog,
} from "./outboxTable.ts";
import { planChains, publishChains } from "./publishChains.ts";
import { RetrySchedule } from "./retrySchedule.ts";
import { delay, Sleeper } from "./sleeper.ts";
import type { TransactionalDb } from "./sql.ts";
import type { EventBusOptions } from "./subjects.ts";

export interface OutboxRelayOptions extends EventBusOptions {
  db: TransactionalDb;
  nats: NatsConnection;
  logger: Logger;
  /** Registers `events_outbox_backlog`, `events_outbox_oldest_age_seconds` (read from the outbox when scraped), `events_published_total`. */
  metrics?: Registry;
  /**
   * Wake on this process's outbox writes (`outboxHints.ts`) instead of polling every `pollIntervalMs`
   * (default true). After a hint the relay polls every `pollIntervalMs` for `hotWindowMs`, since the
   * hint comes before its transaction commits; otherwise it sleeps `fallbackPollMs`.
   */
  wakeOnWrites?: boolean;
  /** Pause after a pass that found nothing to publish, while polling (default 10 ms). */
  pollIntervalMs?: number;
  /** How long the relay keeps polling after a write hint (default 2,000 ms). */
  hotWindowMs?: number;
  /** With `wakeOnWrites`: the slow poll for rows nobody hinted (another process's, a crash) (default 30 s). */
  fallbackPollMs?: number;
  /** Rows claimed per pass (default 500). */
  batchSize?: number;
  /** How long one publish waits for JetStream's ack (default 2,000 ms). */
  publishTimeoutMs?: number;
  /** Sent rows older than this are deleted, a batch a minute (default 1 day); they only matter for forensics. */
  keepSentMs?: number;
}

export interface OutboxRelay {
  /** Finishes the pass in progress, then stops. The connection and the database stay open. */
  stop(): Promise<void>;
  /** Resolves when the outbox has no unsent row (for tests and benchmarks); rejects after `timeoutMs` (default 30 s). */
  drained(timeoutMs?: number): Promise<void>;
}

interface PassResult {
  claimed: number;
  sent: number;
  failed: number;
  error?: string;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Publishes committed outbox rows to JetStream (../shared/design/ARCHITECTURE.md rule 3): oldest first, each aggregate
 * in order, `Nats-Msg-Id` = event id, rows marked sent in the transaction that locked them. Relays on
 * the same table share the work through `FOR UPDATE SKIP LOCKED`.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, nats, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 10;
  const wakeOnWrites = options.wakeOnWrites ?? true;
  const hotWindowMs = options.hotWindowMs ?? 2_000;
  const fallbackPollMs = options.fallbackPollMs ?? 30_000;
  const batchSize = options.batchSize ?? 500;
  const publishTimeoutMs = options.publishTimeoutMs ?? 2_000;
  const metrics = relayMetrics(options.metrics, () => refreshGauges().catch(() => undefined));
  const js = nats.jetstream();
  const schedule = new RetrySchedule(RELAY_BACKOFF);
  const sleeper = new Sleeper();
  const connection = watchConnection(nats, () => sleeper.wake());
  let hotUntil = Date.now() + hotWindowMs;
  const stopHints = wakeOnWrites
    ? onOutboxWrite(() => {
        // Already polling fast: under load the relay runs as it always did, one pass per 10 ms at most
        // (waking on every hint would add an empty pass per write, before its commit).
        const sleepingLong = Date.now() >= hotUntil;
        hotUntil = Date.now() + hotWindowMs;
        if (sleepingLong) sleeper.wake();
      })
    : () => undefined;
  let stopped = false;

  const runPass = (): Promise<PassResult> =>
    db.$transaction(
      async (tx) => {
        const claimed = await claimUnsentRows(tx, batchSize);
        if (claimed.length === 0) return { claimed: 0, sent: 0, failed: 0 };
        const held = await oldestRowsHeldElsewhere(tx, claimed);
        const chains = planChains(claimed, held, (id) => schedule.isDue(id));
        const { sent, failures } = await publishChains(js, chains, {
          ...options,
          timeoutMs: publishTimeoutMs,
        });
        await markSent(tx, sent);
        await markFailed(tx, failures);
        for (const id of sent) schedule.succeeded(id);
        for (const { id } of failures) schedule.failed(id);
        return {
          claimed: claimed.length,
          sent: sent.length,
          failed: failures.length,
          error: failures[0]?.error,
        };
      },
      { timeout: publishTimeoutMs + 10_000, maxWait: 5_000 },
    );

  const refreshGauges = async () => {
    const backlog = await outboxBacklog(db);
    metrics.backlog.set(backlog.unsent);
    metrics.oldestAgeSeconds.set(backlog.oldestAgeSeconds);
  };
  const pruneSentRows = () => deleteSentRows(db, new Date(Date.now() - (options.keepSentMs ?? 86_400_000)));

  const idlePauseMs = () => (!wakeOnWrites || Date.now() < hotUntil ? pollIntervalMs : fallbackPollMs);

  async function loop(): Promise<void> {
    let failedPasses = 0;
    let prunedAt = 0;
    while (!stopped) {
      const pass: PassResult = connection.connected()
        ? await runPass().catch((error) => ({ claimed: 0, sent: 0, failed: 1, error: errorMessage(error) }))
        : { claimed: 0, sent: 0, failed: 1, error: "NATS is disconnected" };
      metrics.published.inc(pass.sent);
      // Rows that failed wait on their own retry schedule: keep polling until they are through.
      if (pass.failed > 0) hotUntil = Date.now() + hotWindowMs;
      // A pass where nothing got through means NATS, the stream or the database is away: back off.
      // A pass with some rows through keeps going; the failed rows wait on their own schedule.
      if (pass.failed > 0 && pass.sent === 0) {
        if (failedPasses++ === 0)
          logger.warn({ error: pass.error }, "outbox relay cannot publish; retrying with backoff");
      } else if (failedPasses > 0) {
        logger.info({ failedPasses }, "outbox relay publishing again");
        failedPasses = 0;
      }
      if (Date.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = Date.now();
        await pruneSentRows().catch((error) =>
          logger.warn({ error: errorMessage(error) }, "could not prune sent outbox rows"),
        );
      }
      // Only an empty pass waits for the poll interval: while rows keep coming, the next pass starts at
      // once, so a row waits for at most one pass instead of half a poll interval plus a pass.
      if (failedPasses > 0) await sleeper.sleep(exponentialBackoffMs(failedPasses, RELAY_BACKOFF));
      else if (pass.claimed === 0) await sleeper.sleep(idlePauseMs());
    }
  }

  const running = loop();

  return {
    stop: async () => {
      stopped = true;
      sleeper.wake();
      await running;
      stopHints();
      metrics.release();
      connection.stop();
    },
    drained: async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { unsent } = await outboxBacklog(db);
        if (unsent === 0) return;
        if (Date.now() > deadline)
          throw new Error(`The outbox still holds ${unsent} unsent rows after ${timeoutMs} ms.`);
        await delay(10);
      }
    },
  };
}
