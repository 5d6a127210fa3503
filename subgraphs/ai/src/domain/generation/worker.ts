import { setTimeout as delay } from "node:timers/promises";
import type { EventBusOptions } from "@health/platform/events";
import type { Logger } from "@health/platform/logging";
import type { NatsPubSub } from "@health/platform/nats";
import type { ConsumerMessages, JsMsg, NatsConnection } from "nats";
import type { AiDb } from "../../db.ts";
import type { GenerationTask } from "../../generated/prisma/client.ts";
import { buildPrompt } from "./prompts.ts";
import type { GenerationProvider } from "./provider.ts";
import { ProviderError } from "./provider.ts";
import { type GenerationInput, isFinal, retryDelayMs } from "./rules.ts";
import { TASK_COLUMNS as ROW } from "./taskColumns.ts";
import { publishUpdate, stateOf, statusUpdate, TASK_CANCELLED, TASK_UPDATED } from "./updates.ts";
import { ensureTaskQueue, TASK_CONSUMER, type TaskJob, taskStreamName } from "./workQueue.ts";

export interface GenerationWorkerOptions {
  db: AiDb;
  nats: NatsConnection;
  pubSub: NatsPubSub;
  bus: EventBusOptions;
  logger: Logger;
  provider: GenerationProvider;
  /** Attempts of one task before a retryable failure fails it (AI_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles (AI_RETRY_BASE_MS). */
  retryBaseMs: number;
  /** How long a RUNNING task's worker holds it without writing (its lease); also the queue's AckWait. */
  leaseMs: number;
  /** Deliveries of one job JetStream makes (its max_deliver): the last one fails the task if it cannot run. */
  maxDeliver: number;
  /** Tasks one process runs at once (AI_WORKER_CONCURRENCY). */
  concurrency: number;
}

export interface GenerationWorker {
  stop(): Promise<void>;
}

/**
 * Runs generation tasks from the `AI_TASKS` work queue with the pull consumer `ai-generation`. The row is
 * the truth: a job is acknowledged once its task is final (or was already), a task is claimed by a
 * conditional update (QUEUED, or RUNNING with a lapsed lease) so it never runs twice at once, and a
 * retryable provider failure puts the task back to QUEUED and NAKs the job with a delay.
 */
export function startGenerationWorker(options: GenerationWorkerOptions): GenerationWorker {
  const { nats, logger } = options;
  const js = nats.jetstream();
  const running = new Set<Promise<void>>();
  let wake: (() => void) | null = null;
  let messages: ConsumerMessages | null = null;
  let stopped = false;
  const pause = new AbortController();

  const pullUntilStopped = async () => {
    let failures = 0;
    while (!stopped) {
      try {
        // Again on every (re)start: NATS may have come back without the stream or the consumer.
        await ensureTaskQueue(nats, options.bus, {
          ackWaitMs: options.leaseMs,
          maxDeliver: options.maxDeliver,
        });
        const consumer = await js.consumers.get(taskStreamName(options.bus), TASK_CONSUMER);
        messages = await consumer.consume({ max_messages: options.concurrency });
        if (failures > 0) logger.info({ failures }, "generation worker pulling again");
        failures = 0;
        for await (const msg of messages) {
          while (running.size >= options.concurrency) await new Promise<void>((resolve) => (wake = resolve));
          track(msg);
        }
      } catch (error) {
        if (stopped) return;
        if (failures++ === 0)
          logger.warn({ err: error }, "generation worker cannot pull its queue; retrying");
      }
      // Jobs wait in the stream (and committed tasks in the outbox) meanwhile.
      await delay(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), undefined, {
        signal: pause.signal,
      }).catch(() => undefined);
    }
  };

  const track = (msg: JsMsg) => {
    const job = runJob(options, msg).catch((error) => {
      logger.error({ err: error }, "generation job failed unexpectedly; redelivered after its lease");
      msg.nak(options.leaseMs);
    });
    running.add(job);
    void job.finally(() => {
      running.delete(job);
      wake?.();
      wake = null;
    });
  };

  const loop = pullUntilStopped();

  return {
    stop: async () => {
      stopped = true;
      pause.abort();
      await messages?.close();
      await loop.catch(() => undefined);
      await Promise.allSettled([...running]);
    },
  };
}

/** One delivery of one job. Exported for tests that hand it a message. */
export async function runJob(options: GenerationWorkerOptions, msg: JsMsg): Promise<void> {
  const { db } = options;
  let taskId: string;
  try {
    taskId = (msg.json<{ payload: TaskJob }>().payload.taskId ?? "").toString();
  } catch {
    msg.term();
    return;
  }
  const claimed = await claim(db, taskId, options.leaseMs, options.provider);
  if (!claimed) {
    const task = await db.generationTask.findUnique({ where: { id: taskId } });
    if (!task || isFinal(task.status)) {
      msg.ack(); // finished, cancelled or gone: the row says so, the job is dropped
      return;
    }
    if (msg.info.deliveryCount >= options.maxDeliver) {
      await fail(options, task, "The task could not be run: its worker stopped answering.");
      msg.ack();
      return;
    }
    // Another worker holds it (its lease has not lapsed): look again when it would have.
    msg.nak(Math.max(1_000, (task.leaseUntil?.getTime() ?? Date.now()) - Date.now()));
    return;
  }
  publishUpdate(options.pubSub, statusUpdate(claimed));
  const outcome = await generate(options, msg, claimed);
  if (outcome === "done" || outcome === "cancelled" || outcome === "lost") {
    msg.ack();
    return;
  }
  const error = outcome;
  if (
    error.retryable &&
    claimed.attempts < options.maxAttempts &&
    msg.info.deliveryCount < options.maxDeliver
  ) {
    // Back to QUEUED with the text so far discarded: the next attempt starts over (README).
    const [requeued] = await db.$queryRawUnsafe<GenerationTask[]>(
      `UPDATE generation_tasks SET status = 'QUEUED', output = '', last_error = $3, lease_until = NULL,
              updated_at = now(), version = version + 1
        WHERE id = $1::uuid AND status = 'RUNNING' AND attempts = $2 RETURNING ${ROW}`,
      claimed.id,
      claimed.attempts,
      error.message,
    );
    if (requeued) publishUpdate(options.pubSub, statusUpdate(requeued));
    if (requeued) msg.nak(retryDelayMs(claimed.attempts, options.retryBaseMs));
    else msg.ack();
    return;
  }
  await fail(options, claimed, error.message);
  msg.ack();
}

/** Takes the task for this delivery: attempt + 1, RUNNING, a fresh lease, the text so far cleared. */
async function claim(
  db: AiDb,
  taskId: string,
  leaseMs: number,
  provider: GenerationProvider,
): Promise<GenerationTask | null> {
  const [row] = await db.$queryRawUnsafe<GenerationTask[]>(
    `UPDATE generation_tasks
        SET status = 'RUNNING', attempts = attempts + 1, output = '', version = version + 1,
            lease_until = now() + ($2 || ' milliseconds')::interval,
            started_at = COALESCE(started_at, now()), updated_at = now(), provider = $3, model = $4
      WHERE id = $1::uuid
        AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < now()))
  RETURNING ${ROW}`,
    taskId,
    String(leaseMs),
    provider.name,
    provider.model,
  );
  return row ?? null;
}

async function fail(options: GenerationWorkerOptions, task: GenerationTask, message: string): Promise<void> {
  const [failed] = await options.db.$queryRawUnsafe<GenerationTask[]>(
    `UPDATE generation_tasks SET status = 'FAILED', last_error = $2, lease_until = NULL, finished_at = now(),
            updated_at = now(), version = version + 1
      WHERE id = $1::uuid AND status IN ('QUEUED', 'RUNNING') RETURNING ${ROW}`,
    task.id,
    message,
  );
  if (failed) publishUpdate(options.pubSub, statusUpdate(failed));
}

type Outcome = "done" | "cancelled" | "lost" | ProviderError;

/**
 * Streams the provider's text into the row and to subscribers. Pieces that arrive while a write is in
 * flight are joined into the next write, so a fast provider costs one write per round trip, not per
 * piece. A write that finds the row no longer RUNNING at this attempt (cancelled, or taken over after
 * a lapsed lease) aborts the provider call.
 */
async function generate(
  options: GenerationWorkerOptions,
  msg: JsMsg,
  task: GenerationTask,
): Promise<Outcome> {
  const { db, provider, pubSub } = options;
  const abort = new AbortController();
  const cancels = pubSub.subscribe(TASK_CANCELLED, task.id);
  void (async () => {
    for await (const _ of cancels) {
      abort.abort();
      return;
    }
  })();
  let pending = "";
  let length = 0;
  let lost = false;
  let lastWorking = Date.now();
  const flush = async () => {
    if (pending === "" || lost) return;
    const delta = pending;
    pending = "";
    const [row] = await db.$queryRawUnsafe<GenerationTask[]>(
      `UPDATE generation_tasks SET output = output || $3, version = version + 1, updated_at = now(),
              lease_until = now() + ($4 || ' milliseconds')::interval
        WHERE id = $1::uuid AND status = 'RUNNING' AND attempts = $2 RETURNING ${ROW}`,
      task.id,
      task.attempts,
      delta,
      String(options.leaseMs),
    );
    if (!row) {
      lost = true;
      abort.abort();
      return;
    }
    pubSub.publish(TASK_UPDATED, task.id, { task: stateOf(row), delta, offset: length, text: null });
    length += delta.length;
  };
  let writing: Promise<void> = Promise.resolve();
  try {
    const { messages } = buildPrompt(task.input as unknown as GenerationInput);
    const input = task.input as unknown as GenerationInput;
    for await (const piece of provider.complete({ messages, input, signal: abort.signal })) {
      pending += piece;
      if (Date.now() - lastWorking > options.leaseMs / 3) {
        msg.working();
        lastWorking = Date.now();
      }
      writing = writing.then(flush);
      // Awaited below; marked handled now so a failed write never counts as an unhandled rejection.
      writing.catch(() => undefined);
      if (lost) break;
    }
    await writing;
    if (lost) return "lost";
    if (abort.signal.aborted) return "cancelled";
    const [done] = await db.$queryRawUnsafe<GenerationTask[]>(
      `UPDATE generation_tasks SET status = 'SUCCEEDED', last_error = NULL,
              lease_until = NULL, finished_at = now(), updated_at = now(), version = version + 1
        WHERE id = $1::uuid AND status = 'RUNNING' AND attempts = $2 RETURNING ${ROW}`,
      task.id,
      task.attempts,
    );
    if (!done) return "lost";
    publishUpdate(pubSub, statusUpdate(done));
    return "done";
  } catch (error) {
    await writing.catch(() => undefined);
    if (lost) return "lost";
    if (abort.signal.aborted) return "cancelled";
    if (error instanceof ProviderError) return error;
    throw error;
  } finally {
    await cancels.return?.();
  }
}
