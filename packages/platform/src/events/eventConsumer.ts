import { isCataloged } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import type { ConsumerConfig, JetStreamManager, NatsConnection } from "nats";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { DEFAULT_REDELIVERY_BACKOFF_MS } from "./backoff.ts";
import { durableConsumerConfig } from "./consumerConfig.ts";
import { countDeadLettersOnScrape } from "./deadLetterGauge.ts";
import { consumerMetrics, readLagOnScrape } from "./eventMetrics.ts";
import { handleDeliveries, type ReceivedMessage } from "./handleDeliveries.ts";
import type { HandlerRegistration } from "./handlers.ts";
import { errorMessage, isConsumerNotFound } from "./natsErrors.ts";
import { parseDelivery } from "./parseDelivery.ts";
import { PartitionedQueue } from "./partitionedQueue.ts";
import type { TransactionalDb } from "./sql.ts";
import { assertConsumerName, busSubject, type EventBusOptions, eventsStreamName } from "./subjects.ts";

export interface EventConsumerOptions extends EventBusOptions {
  /** The durable consumer's name (one token); also the `consumer` column of `inbox_events`. */
  consumer: string;
  db: TransactionalDb;
  nats: NatsConnection;
  handlers: HandlerRegistration[];
  logger: Logger;
  /** Registers `events_consumer_lag`, `events_consumed_total`, `events_redeliveries_total`, `events_dead_letters_total`, `events_dead_letter_messages`. */
  metrics?: Registry;
  /** Deliveries of a failing message before it moves to the dead-letter stream (default 5). */
  maxDeliver?: number;
  /** How long JetStream waits for an ack before redelivering (default 30,000 ms); a running handler extends it. */
  ackWaitMs?: number;
  /** Nak delay after each failed delivery, the last entry repeating (default 100 ms × 2^n, capped at 30 s). */
  backoffMs?: number[];
  /** Transactions in flight at once (default 1). Messages of one aggregate always run one at a time, in order. */
  concurrency?: number;
  /** Most messages that share one transaction (default 100; 1 = a transaction per message). Batches only form from messages already waiting. */
  batchSize?: number;
  /** Test hook: runs after the consumer's transaction committed, before the ack. A throw leaves the message unacked, as a crash there would. */
  beforeAck?: (envelope: EventEnvelope) => Promise<void>;
}

export interface EventConsumer {
  /** Stops pulling, lets messages in progress finish, then returns. The durable consumer stays. */
  stop(): Promise<void>;
}

/**
 * A durable pull consumer over the handlers' subjects (../shared/design/ARCHITECTURE.md rule 3): each event's inbox row
 * and its handler's work commit in one transaction, and only then is the message acked.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<EventConsumer> {
  const { consumer, nats, logger } = options;
  assertConsumerName(consumer);
  const handlersBySubject = indexHandlers(options.handlers, options);
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const concurrency = options.concurrency ?? 1;
  const metrics = consumerMetrics(options.metrics);
  const stream = eventsStreamName(options);
  const jsm = await nats.jetstreamManager();
  await ensureDurable(
    jsm,
    stream,
    durableConsumerConfig({
      consumer,
      subjects: [...handlersBySubject.keys()],
      ackWaitMs,
      serverVersion: nats.info?.version ?? "0.0.0",
    }),
  );
  const batchSize = options.batchSize ?? 100;
  const messages = await (await nats.jetstream().consumers.get(stream, consumer)).consume({
    max_messages: Math.max(64, concurrency * batchSize),
  });
  const ctx = {
    ...options,
    js: nats.jetstream(),
    metrics,
    ackWaitMs,
    maxDeliver: options.maxDeliver ?? 5,
    backoffMs: options.backoffMs ?? DEFAULT_REDELIVERY_BACKOFF_MS,
  };
  const queue = new PartitionedQueue<ReceivedMessage>(concurrency, batchSize, (batch) =>
    handleDeliveries(batch, ctx),
  );

  const pumping = (async () => {
    for await (const msg of messages) {
      const delivery = parseDelivery(msg, handlersBySubject);
      await queue.push(delivery.kind === "event" ? delivery.envelope.aggregateId : `seq:${msg.seq}`, {
        msg,
        delivery,
      });
    }
  })().catch((error) =>
    logger.error({ consumer, error: errorMessage(error) }, "event consumer stopped pulling"),
  );

  const stopReadingLag = readLagOnScrape(metrics.lag, consumer, async () => {
    const info = await jsm.consumers.info(stream, consumer);
    metrics.lag.set({ consumer }, info.num_pending);
  });
  const stopCountingDeadLetters = countDeadLettersOnScrape(options.metrics, jsm, consumer, options);

  return {
    stop: async () => {
      stopReadingLag();
      stopCountingDeadLetters();
      await messages.close();
      await pumping;
      await queue.close();
    },
  };
}

function indexHandlers(
  handlers: readonly HandlerRegistration[],
  options: EventBusOptions,
): Map<string, HandlerRegistration> {
  if (handlers.length === 0) throw new Error("An event consumer needs at least one handler.");
  const bySubject = new Map<string, HandlerRegistration>();
  for (const registration of handlers) {
    const { event } = registration;
    if (!isCataloged(event))
      throw new Error(`Cannot consume ${event.subject}: it is not in @health/events/catalog.`);
    const subject = busSubject(event.subject, options);
    if (bySubject.has(subject))
      throw new Error(`Two handlers for ${event.subject}; a consumer has one per event.`);
    bySubject.set(subject, registration);
  }
  return bySubject;
}

async function ensureDurable(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig>,
): Promise<void> {
  const name = config.durable_name!;
  try {
    await jsm.consumers.info(stream, name);
  } catch (error) {
    if (!isConsumerNotFound(error)) throw error;
    await jsm.consumers.add(stream, config);
    return;
  }
  try {
    await jsm.consumers.update(stream, name, config);
  } catch (error) {
    throw new Error(
      `Consumer ${name} on ${stream} exists with a configuration this server cannot change in place (${errorMessage(error)}). ` +
        `Compare "nats consumer info ${stream} ${name}" with the handlers; deleting the consumer restarts it from the stream's first message.`,
    );
  }
}
