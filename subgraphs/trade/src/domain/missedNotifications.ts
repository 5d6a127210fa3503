import { orderCreatedV1 } from "@health/events/catalog";
import { badInput } from "@health/platform/errors";
import { busSubject, type EventBusOptions, eventsStreamName } from "@health/platform/events";
import { AckPolicy, DeliverPolicy, type NatsConnection, nanos } from "nats";
import type { TradeDb } from "../deps.ts";
import { type GrabbingCoach, grabbableWhere } from "./availableOrders.ts";
import { uuidv7Time } from "./ids.ts";
import { type OrderAvailableMessage, snapshotOf } from "./notifications.ts";

/** One order_created event as stored in the EVENTS stream, in stream order. */
export interface StoredNotification {
  /** The event id: the notification id clients resume from. */
  id: string;
  orderId: string;
}

const FETCH_BATCH = 500;
const decoder = new TextDecoder();

/** Reads `after` (a notification id: a UUIDv7) as the time it was minted; BAD_USER_INPUT otherwise. */
export function notificationTime(after: string): Date {
  const time = uuidv7Time(after);
  if (!time) {
    throw badInput("after", "after must be the id of a notification this API sent (OrderNotification.id).");
  }
  return time;
}

/**
 * Where a replay starts reading the stream: the time `after` was minted (its event was published at or
 * after that instant), but never earlier than the retention window's edge.
 */
export function replayStart(after: Date, now: Date, retentionMs: number): Date {
  const edge = new Date(now.getTime() - retentionMs);
  return after.getTime() > edge.getTime() ? after : edge;
}

/**
 * The notifications after `after`, in stream order: those stored after the message holding `after`,
 * plus any with a greater id stored before it (a concurrent order relayed first). When `after` is not in
 * the window (older than it, or unknown), every id greater than it.
 */
export function notificationsAfter(
  stored: readonly StoredNotification[],
  after: string,
): StoredNotification[] {
  const index = stored.findIndex((n) => n.id === after);
  return stored.filter((n, i) => n.id !== after && (n.id > after || (index >= 0 && i > index)));
}

/**
 * Reads the order_created events stored since `start` from JetStream with an ephemeral, unacknowledged
 * pull consumer (created with DeliverPolicy.StartTime, so `num_pending` says exactly how many to read;
 * deleted afterwards, and dropped by the server after 30 s idle if this process dies first).
 */
export async function readOrderCreatedSince(
  nats: NatsConnection,
  bus: EventBusOptions,
  start: Date,
): Promise<StoredNotification[]> {
  const stream = eventsStreamName(bus);
  const jsm = await nats.jetstreamManager();
  const info = await jsm.consumers.add(stream, {
    ack_policy: AckPolicy.None,
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: start.toISOString(),
    filter_subject: busSubject(orderCreatedV1.subject, bus),
    inactive_threshold: nanos(30_000),
    mem_storage: true,
  });
  const stored: StoredNotification[] = [];
  try {
    const consumer = await nats.jetstream().consumers.get(stream, info.name);
    let remaining = info.num_pending;
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(remaining, FETCH_BATCH), expires: 2_000 });
      let received = 0;
      for await (const message of batch) {
        received += 1;
        remaining -= 1;
        const envelope = JSON.parse(decoder.decode(message.data)) as {
          id: string;
          payload: { orderId: string };
        };
        stored.push({ id: envelope.id, orderId: envelope.payload.orderId });
        if (remaining === 0) break;
      }
      if (received === 0) break;
    }
  } finally {
    await jsm.consumers.delete(stream, info.name).catch(() => undefined);
  }
  return stored;
}

/** order_created outbox rows the relay has not published yet (the replay's tail), oldest first. */
export function unrelayedOrderCreated(db: TradeDb): Promise<StoredNotification[]> {
  return db.$queryRaw<StoredNotification[]>`
    SELECT id::text AS id, envelope->'payload'->>'orderId' AS "orderId"
      FROM outbox_events
     WHERE subject = ${orderCreatedV1.subject} AND sent_at IS NULL
     ORDER BY created_at, id`;
}

export interface ReplayDeps {
  db: TradeDb;
  nats: NatsConnection;
  bus: EventBusOptions;
  grabNotificationRetentionMs: number;
}

/**
 * The grab notifications a coach missed since `after`, oldest first: read from the EVENTS stream
 * within the retention window, kept only if the order still is OPEN (unexpired) and matches the coach.
 */
export async function missedNotifications(
  deps: ReplayDeps,
  coach: GrabbingCoach,
  after: string,
  now: Date,
): Promise<OrderAvailableMessage[]> {
  const start = replayStart(notificationTime(after), now, deps.grabNotificationRetentionMs);
  // Committed but not yet relayed rows first, then the stream: a row the relay sends in between is in
  // the stream by the time it is read, so no order_created event falls between the two reads.
  const unrelayed = await unrelayedOrderCreated(deps.db);
  const stored = await readOrderCreatedSince(deps.nats, deps.bus, start);
  const inStream = new Set(stored.map((n) => n.id));
  const missed = notificationsAfter([...stored, ...unrelayed.filter((n) => !inStream.has(n.id))], after);
  if (missed.length === 0) return [];
  const orders = await deps.db.serviceOrder.findMany({
    where: { AND: [{ id: { in: missed.map((n) => n.orderId) } }, grabbableWhere(coach, now)] },
  });
  const byId = new Map(orders.map((order) => [order.id, order]));
  return missed.flatMap((n) => {
    const order = byId.get(n.orderId);
    return order ? [{ id: n.id, order: snapshotOf(order) }] : [];
  });
}
