import { orderCreatedV1 } from "@health/events/catalog";
import { AppError, ErrorCode } from "@health/platform/errors";
import { busSubject, type EventBusOptions, eventsStreamName } from "@health/platform/events";
import { AckPolicy, DeliverPolicy, type NatsConnection, nanos } from "nats";
import type { TradeDb } from "../../db.ts";
import { uuidv7Time } from "../ids.ts";
import { type GrabbingCoach, grabbableWhere } from "../matching/availableOrders.ts";
import { type OrderAvailableMessage, snapshotOf } from "./notifications.ts";

/** One order_created event as stored in the EVENTS stream, in stream order. */
export interface StoredNotification {
  /** The event id: the notification id clients resume from. */
  id: string;
  orderId: string;
}

/** Notifications one resume delivers at most, and stream messages read per page. */
export const REPLAY_LIMIT = 100;
/** order_created messages a resume may have to read; more since `after` and it is refused. */
export const MAX_REPLAY_SCAN = 2_000;

/** Why a resume was refused (`extensions.reason`); the client re-syncs with `availableOrders`. */
export type ReplayRefusal = "UNKNOWN_NOTIFICATION" | "REPLAY_WINDOW_EXPIRED" | "REPLAY_TOO_FAR_BEHIND";

const RESYNC = "re-sync with availableOrders, then subscribe to orderAvailable without after";

export const replayRefused = (reason: ReplayRefusal, why: string): AppError =>
  new AppError(ErrorCode.BAD_USER_INPUT, `${why}: ${RESYNC}.`, { field: "after", details: { reason } });

const decoder = new TextDecoder();

/**
 * Where a resume starts: the time `after` was minted (its event was published at or after then). Refused
 * unless `after` is the id of a notification this API sent (an order's `notification_id`) minted inside
 * the retention window.
 */
export async function replayAnchor(
  db: TradeDb,
  after: string,
  now: Date,
  retentionMs: number,
): Promise<Date> {
  const minted = uuidv7Time(after);
  if (!minted) {
    throw replayRefused("UNKNOWN_NOTIFICATION", "after must be the id of a notification this API sent");
  }
  if (minted.getTime() <= now.getTime() - retentionMs) {
    throw replayRefused(
      "REPLAY_WINDOW_EXPIRED",
      `after is older than the replay window (${Math.round(retentionMs / 3_600_000)} h)`,
    );
  }
  const order = await db.serviceOrder.findUnique({ where: { notificationId: after }, select: { id: true } });
  if (!order)
    throw replayRefused("UNKNOWN_NOTIFICATION", "after is not the id of a notification this API sent");
  return minted;
}

/**
 * The entries of one page that come after `after`: those stored after the message holding `after`
 * (`seen`: it was in an earlier page), plus any with a greater id stored before it (a concurrent order
 * relayed first). Returns whether `after` has been seen once this page is read.
 */
export function pageAfter(
  page: readonly StoredNotification[],
  after: string,
  seen: boolean,
): { missed: StoredNotification[]; seen: boolean } {
  const missed: StoredNotification[] = [];
  let seenAfter = seen;
  for (const n of page) {
    if (n.id === after) seenAfter = true;
    else if (seenAfter || n.id > after) missed.push(n);
  }
  return { missed, seen: seenAfter };
}

/**
 * Reads the order_created events stored since `start` from JetStream, a page of REPLAY_LIMIT at a time,
 * with an ephemeral, unacknowledged pull consumer (DeliverPolicy.StartTime, so `num_pending` says how
 * many there are before any is read; deleted afterwards, and dropped by the server after 30 s idle if
 * this process dies first). Refused (REPLAY_TOO_FAR_BEHIND) when more than MAX_REPLAY_SCAN.
 */
export async function* readOrderCreatedPages(
  nats: NatsConnection,
  bus: EventBusOptions,
  start: Date,
): AsyncGenerator<StoredNotification[]> {
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
  try {
    if (info.num_pending > MAX_REPLAY_SCAN) {
      throw replayRefused(
        "REPLAY_TOO_FAR_BEHIND",
        `more than ${MAX_REPLAY_SCAN} orders were published since after`,
      );
    }
    const consumer = await nats.jetstream().consumers.get(stream, info.name);
    let remaining = info.num_pending;
    while (remaining > 0) {
      const batch = await consumer.fetch({ max_messages: Math.min(remaining, REPLAY_LIMIT), expires: 2_000 });
      const page: StoredNotification[] = [];
      for await (const message of batch) {
        remaining -= 1;
        const envelope = JSON.parse(decoder.decode(message.data)) as {
          id: string;
          payload: { orderId: string };
        };
        page.push({ id: envelope.id, orderId: envelope.payload.orderId });
        if (remaining === 0) break;
      }
      if (page.length === 0) break;
      yield page;
    }
  } finally {
    await jsm.consumers.delete(stream, info.name).catch(() => undefined);
  }
}

/** order_created outbox rows the relay has not published yet (the replay's tail), oldest first. */
export function unrelayedOrderCreated(db: TradeDb): Promise<StoredNotification[]> {
  return db.$queryRaw<StoredNotification[]>`
    SELECT id::text AS id, envelope->'payload'->>'orderId' AS "orderId"
      FROM outbox_events
     WHERE subject = ${orderCreatedV1.subject} AND sent_at IS NULL
     ORDER BY created_at, id
     LIMIT ${REPLAY_LIMIT + 1}`;
}

export interface ReplayDeps {
  db: TradeDb;
  nats: NatsConnection;
  bus: EventBusOptions;
  grabNotificationRetentionMs: number;
}

/** What a resume replays: at most REPLAY_LIMIT, and whether that is all it missed. */
export interface Replay {
  notifications: OrderAvailableMessage[];
  /** false: more were missed; the client resumes again from the last one delivered. */
  complete: boolean;
}

/** Those of `missed` whose order is still OPEN (unexpired) and matches the coach, in their order. */
async function stillGrabbable(
  db: TradeDb,
  coach: GrabbingCoach,
  missed: readonly StoredNotification[],
  now: Date,
): Promise<OrderAvailableMessage[]> {
  if (missed.length === 0) return [];
  const orders = await db.serviceOrder.findMany({
    where: { AND: [{ id: { in: missed.map((n) => n.orderId) } }, grabbableWhere(coach, now)] },
  });
  const byId = new Map(orders.map((order) => [order.id, order]));
  return missed.flatMap((n) => {
    const order = byId.get(n.orderId);
    return order ? [{ id: n.id, order: snapshotOf(order) }] : [];
  });
}

/**
 * The grab notifications a coach missed since `after`, oldest first, a bounded page (issue 16.6): read
 * from the EVENTS stream from `after`'s position in pages, kept only if the order still is OPEN
 * (unexpired) and matches the coach, stopping at REPLAY_LIMIT.
 */
export async function missedNotifications(
  deps: ReplayDeps,
  coach: GrabbingCoach,
  after: string,
  now: Date,
): Promise<Replay> {
  const start = await replayAnchor(deps.db, after, now, deps.grabNotificationRetentionMs);
  // Committed but not yet relayed rows first, then the stream: a row the relay sends in between is in
  // the stream by the time it is read, so no order_created event falls between the two reads.
  const unrelayed = await unrelayedOrderCreated(deps.db);
  const tail = new Map(unrelayed.map((n) => [n.id, n]));
  const replayed: OrderAvailableMessage[] = [];
  let seen = false;
  const read = async (page: readonly StoredNotification[]) => {
    const next = pageAfter(page, after, seen);
    seen = next.seen;
    replayed.push(...(await stillGrabbable(deps.db, coach, next.missed, now)));
  };
  for await (const page of readOrderCreatedPages(deps.nats, deps.bus, start)) {
    if (replayed.length >= REPLAY_LIMIT)
      return { notifications: replayed.slice(0, REPLAY_LIMIT), complete: false };
    for (const n of page) tail.delete(n.id);
    await read(page);
  }
  await read([...tail.values()]);
  const complete = replayed.length <= REPLAY_LIMIT && unrelayed.length <= REPLAY_LIMIT;
  return { notifications: replayed.slice(0, REPLAY_LIMIT), complete };
}
