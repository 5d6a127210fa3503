import type { EventBusOptions } from "@health/platform/events";
import { hintOutboxWrite, uuidv7 } from "@health/platform/events";
import {
  AckPolicy,
  DeliverPolicy,
  type JetStreamManager,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from "nats";
import type { AiTx } from "../../db.ts";

/** The work queue's subject (outside `ai.>`, which the EVENTS stream holds) and its consumer. */
export const TASK_SUBJECT = "ai_tasks.generation";
export const TASK_CONSUMER = "ai-generation";

const withPrefix = (value: string, bus: EventBusOptions, joiner: string) =>
  bus.prefix ? `${bus.prefix}${joiner}${value}` : value;

export const taskStreamName = (bus: EventBusOptions): string => withPrefix("AI_TASKS", bus, "_");
export const taskSubject = (bus: EventBusOptions): string => withPrefix(TASK_SUBJECT, bus, ".");

export interface TaskQueueOptions {
  /** How long a delivery may go unacknowledged (the worker sends `working()` while a task streams). */
  ackWaitMs: number;
  /** Deliveries of one message before JetStream stops redelivering it (the worker fails the task first). */
  maxDeliver: number;
}

/**
 * Creates the `AI_TASKS` stream (work-queue retention: a message is gone once acknowledged) and its
 * durable pull consumer `ai-generation`, or brings the consumer to this configuration. Idempotent.
 */
export async function ensureTaskQueue(nats: NatsConnection, bus: EventBusOptions, options: TaskQueueOptions) {
  const jsm = await nats.jetstreamManager();
  const stream = taskStreamName(bus);
  await jsm.streams.info(stream).catch(async () => {
    await jsm.streams.add({
      name: stream,
      subjects: [taskSubject(bus)],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      // The outbox relay may publish a row twice (it died before marking it sent): stored once.
      duplicate_window: nanos(2 * 60_000),
      num_replicas: bus.replicas ?? 1,
    });
  });
  await ensureConsumer(jsm, stream, options);
}

async function ensureConsumer(jsm: JetStreamManager, stream: string, options: TaskQueueOptions) {
  const config = {
    durable_name: TASK_CONSUMER,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(options.ackWaitMs),
    max_deliver: options.maxDeliver,
  };
  const existing = await jsm.consumers.info(stream, TASK_CONSUMER).catch(() => null);
  if (!existing) await jsm.consumers.add(stream, config);
  else if (
    existing.config.ack_wait !== config.ack_wait ||
    existing.config.max_deliver !== config.max_deliver
  ) {
    await jsm.consumers.update(stream, TASK_CONSUMER, {
      ack_wait: config.ack_wait,
      max_deliver: config.max_deliver,
    });
  }
}

/** What a job message carries: only the task's id; the row is the truth. */
export interface TaskJob {
  taskId: string;
}

/**
 * Writes the task's job message into the outbox in the caller's transaction: it is published to the
 * work queue by the outbox relay once committed (`Nats-Msg-Id` = the row id), so a committed task is
 * never lost to a NATS outage (it waits in the outbox) and a rolled-back one is never queued.
 */
export async function enqueueTask(tx: AiTx, task: { id: string; ownerId: string }): Promise<void> {
  const id = uuidv7();
  const envelope = {
    id,
    name: "generation_task_queued",
    version: 1,
    producer: "ai",
    occurredAt: new Date().toISOString(),
    aggregateId: task.id,
    actorId: task.ownerId,
    traceparent: null,
    payload: { taskId: task.id } satisfies TaskJob,
  };
  await tx.outboxEvent.create({ data: { id, subject: TASK_SUBJECT, aggregateId: task.id, envelope } });
  hintOutboxWrite();
}
