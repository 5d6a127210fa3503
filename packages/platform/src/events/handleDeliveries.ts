import type { EventEnvelope } from "@health/events/envelope";
import type { JetStreamClient, JsMsg } from "nats";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../prisma/databaseUnavailable.ts";
import { redeliveryDelayMs } from "./backoff.ts";
import { sendToDeadLetters } from "./deadLetters.ts";
import type { ConsumeOutcome, ConsumerMetrics } from "./eventMetrics.ts";
import { traceHandling } from "./eventSpans.ts";
import { recordInInbox } from "./inboxTable.ts";
import { errorMessage } from "./natsErrors.ts";
import type { Delivery } from "./parseDelivery.ts";
import type { SqlExecutor, TransactionalDb } from "./sql.ts";
import type { EventBusOptions } from "./subjects.ts";

export interface DeliveryContext extends EventBusOptions {
  consumer: string;
  db: TransactionalDb;
  js: JetStreamClient;
  logger: Logger;
  metrics: ConsumerMetrics;
  maxDeliver: number;
  ackWaitMs: number;
  backoffMs: readonly number[];
  beforeAck?: (envelope: EventEnvelope) => Promise<void>;
}

export interface ReceivedMessage {
  msg: JsMsg;
  delivery: Delivery;
}

const DATABASE_RETRY_MAX_MS = 2_000;

type ReceivedEvent = { msg: JsMsg; delivery: Extract<Delivery, { kind: "event" }> };

/**
 * Settles a batch of delivered messages, in order: ack, nak with backoff, or dead-letter and term.
 * The batch's events share one transaction (one commit instead of one each); if any of them fails,
 * nothing of it was committed and each event runs again in a transaction of its own, so only the
 * failing one is retried. Never throws.
 */
export async function handleDeliveries(
  batch: readonly ReceivedMessage[],
  ctx: DeliveryContext,
): Promise<void> {
  const events: ReceivedEvent[] = [];
  for (const { msg, delivery } of batch) {
    if (msg.info.deliveryCount > 1) ctx.metrics.redeliveries.inc({ consumer: ctx.consumer });
    switch (delivery.kind) {
      case "unhandled":
        msg.ack();
        count(ctx, "skipped");
        break;
      case "invalid":
      case "forged":
        await deadLetter(msg, ctx, delivery.error, delivery.kind);
        break;
      case "event":
        events.push({ msg, delivery });
        break;
      default: {
        const unreachable: never = delivery;
        throw new Error(`unknown delivery ${JSON.stringify(unreachable)}`);
      }
    }
  }
  if (events.length === 1) return processAlone(events[0]!, ctx);
  if (events.length > 1) return processTogether(events, ctx);
}

async function processTogether(events: ReceivedEvent[], ctx: DeliveryContext): Promise<void> {
  const afterCommit: AfterCommit[] = [];
  let outcomes: Outcome[];
  try {
    outcomes = await inTransaction(ctx, events, (tx) => applyEvents(tx, events, ctx.consumer, afterCommit));
  } catch {
    for (const event of events) await processAlone(event, ctx);
    return;
  }
  await runAfterCommit(afterCommit, ctx);
  for (const [i, event] of events.entries()) await acknowledge(event, outcomes[i]!, ctx);
}

async function processAlone(event: ReceivedEvent, ctx: DeliveryContext): Promise<void> {
  const afterCommit: AfterCommit[] = [];
  let outcomes: Outcome[];
  try {
    outcomes = await inTransaction(ctx, [event], (tx) => applyEvents(tx, [event], ctx.consumer, afterCommit));
  } catch (error) {
    return retryOrDeadLetter(event.msg, ctx, error);
  }
  await runAfterCommit(afterCommit, ctx);
  await acknowledge(event, outcomes[0]!, ctx);
}

type Outcome = "processed" | "duplicate";
type AfterCommit = () => void | Promise<void>;

/** The effects handlers asked for, once their transaction committed; a failing one is only logged. */
async function runAfterCommit(effects: readonly AfterCommit[], ctx: DeliveryContext): Promise<void> {
  for (const effect of effects) {
    try {
      await effect();
    } catch (error) {
      ctx.logger.warn({ consumer: ctx.consumer, error: errorMessage(error) }, "after-commit effect failed");
    }
  }
}

/**
 * The inbox rows and the handlers' work, in the caller's transaction; an event already recorded is
 * skipped. Effects the handlers ask to run after the commit are pushed onto `afterCommit`.
 */
async function applyEvents(
  tx: SqlExecutor,
  events: readonly ReceivedEvent[],
  consumer: string,
  afterCommit: AfterCommit[],
): Promise<Outcome[]> {
  const fresh = await recordInInbox(
    tx,
    consumer,
    events.map(({ delivery }) => ({
      eventId: delivery.envelope.id,
      subject: delivery.registration.event.subject,
    })),
  );
  const outcomes: Outcome[] = [];
  for (const { msg, delivery } of events) {
    // delete(): the same event twice in one batch (a redelivery overtaking its original) runs once.
    if (!fresh.delete(delivery.envelope.id)) {
      outcomes.push("duplicate");
      continue;
    }
    await traceHandling(consumer, delivery.envelope, msg.headers, () =>
      delivery.registration.handle(tx, delivery.envelope, {
        afterCommit: (effect) => afterCommit.push(effect),
      }),
    );
    outcomes.push("processed");
  }
  return outcomes;
}

async function inTransaction<R>(
  ctx: DeliveryContext,
  events: readonly ReceivedEvent[],
  work: (tx: SqlExecutor) => Promise<R>,
): Promise<R> {
  // Slow handlers tell JetStream they are still working, so the messages are not redelivered meanwhile.
  const keepAlive = setInterval(
    () => {
      for (const { msg } of events) msg.working();
    },
    Math.max(ctx.ackWaitMs / 3, 50),
  );
  try {
    return await ctx.db.$transaction(work, { timeout: Math.max(5_000, ctx.ackWaitMs), maxWait: 5_000 });
  } finally {
    clearInterval(keepAlive);
  }
}

/** Acks a committed event, unless the `beforeAck` test hook simulates a crash between commit and ack. */
async function acknowledge(
  { msg, delivery }: ReceivedEvent,
  outcome: Outcome,
  ctx: DeliveryContext,
): Promise<void> {
  try {
    await ctx.beforeAck?.(delivery.envelope);
  } catch (error) {
    log(ctx, msg).warn(
      { error: errorMessage(error) },
      "event committed but not acked; JetStream will redeliver it",
    );
    count(ctx, "unacked");
    return;
  }
  msg.ack();
  count(ctx, outcome);
}

/**
 * A handler that failed is retried with backoff and, past `maxDeliver`, dead-lettered. A database that
 * cannot be reached is no fault of the event: it is retried for as long as the outage lasts, never
 * dead-lettered, or a Postgres restart would turn every event in flight into a dead letter.
 */
async function retryOrDeadLetter(msg: JsMsg, ctx: DeliveryContext, failure: unknown): Promise<void> {
  const error = errorMessage(failure);
  const databaseDown = isDatabaseUnavailable(failure);
  if (!databaseDown && msg.info.deliveryCount >= ctx.maxDeliver)
    return deadLetter(msg, ctx, error, "dead_lettered");
  const backoffMs = redeliveryDelayMs(msg.info.deliveryCount, ctx.backoffMs);
  // Capped while the database is down, so events resume within seconds of its return.
  const delayMs = databaseDown ? Math.min(backoffMs, DATABASE_RETRY_MAX_MS) : backoffMs;
  log(ctx, msg).warn(
    { error, retryInMs: delayMs },
    databaseDown ? "database unreachable; will retry the event" : "event handler failed; will retry",
  );
  msg.nak(delayMs);
  count(ctx, "retried");
}

async function deadLetter(
  msg: JsMsg,
  ctx: DeliveryContext,
  error: string,
  outcome: "invalid" | "forged" | "dead_lettered",
): Promise<void> {
  try {
    await sendToDeadLetters(ctx.js, msg, { consumer: ctx.consumer, error, prefix: ctx.prefix });
  } catch (publishError) {
    // Not terming: the message comes back later and gets another chance to reach the dead letters.
    log(ctx, msg).error(
      { error, publishError: errorMessage(publishError) },
      "could not dead-letter the message",
    );
    msg.nak(redeliveryDelayMs(msg.info.deliveryCount, ctx.backoffMs));
    count(ctx, "retried");
    return;
  }
  msg.term();
  count(ctx, outcome);
  ctx.metrics.deadLetters.inc({ consumer: ctx.consumer });
  log(ctx, msg).error({ error }, "message moved to the dead-letter stream");
}

const count = (ctx: DeliveryContext, outcome: ConsumeOutcome): void =>
  ctx.metrics.consumed.inc({ consumer: ctx.consumer, outcome });

const log = (ctx: DeliveryContext, msg: JsMsg): Logger =>
  ctx.logger.child({
    consumer: ctx.consumer,
    subject: msg.subject,
    streamSequence: msg.info.streamSequence,
    delivery: msg.info.deliveryCount,
  });
