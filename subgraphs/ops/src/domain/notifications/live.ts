import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { replayThenLive, uuidArg } from "@health/platform/graphql";
import type { NatsPubSub } from "@health/platform/nats";
import type { OpsDb } from "../../db.ts";
import type { Notification } from "../../generated/prisma/client.ts";

/** The row a subscriber receives (read back from the inbox for them). */
export type NotificationRow = Notification;

/**
 * `notificationReceived`'s subject: one per recipient, `ops.notification_received.<userId>`. It carries
 * the notification's id only, never its text: the subject falls in the EVENTS stream's `ops.>`, and the
 * row, read back for the recipient alone, is the record.
 */
export const NOTIFICATION_RECEIVED = "ops.notification_received";

/** What travels on the subject. */
export interface NotificationHint {
  id: string;
}

/** Tells the recipient's subscribers, on any instance, that `notificationId` is in their inbox (after commit). */
export function announceNotification(pubSub: NatsPubSub, recipientId: string, notificationId: string): void {
  const hint: NotificationHint = { id: notificationId };
  pubSub.publish(NOTIFICATION_RECEIVED, recipientId, hint);
}

/** How many missed notifications a resume (`after`) replays at most. */
export const REPLAY_LIMIT = 100;

const isHint = (value: unknown): value is NotificationHint =>
  typeof value === "object" && value !== null && typeof (value as NotificationHint).id === "string";

/**
 * The caller's own notifications, live: the subject is chosen from the verified actor (there is no
 * argument to name another user). With `after` (the id of the last one the client saw; not one of its own is BAD_USER_INPUT),
 * first those newer than it, oldest first (at most REPLAY_LIMIT), then live ones. Seam-safe as trade's
 * orderAvailable: the live subject is subscribed and flushed BEFORE the replay is read, and a live hint
 * the replay already delivered is dropped by id.
 */
export async function openNotificationStream(
  deps: { db: OpsDb; pubSub: NatsPubSub },
  actor: Actor,
  after: string | null,
): Promise<AsyncIterableIterator<Notification>> {
  const resumeFrom = after ? uuidArg(after, "after") : null;
  const live = deps.pubSub.subscribe(NOTIFICATION_RECEIVED, actor.userId);
  let missed: NotificationHint[] = [];
  try {
    await deps.pubSub.flush();
    if (resumeFrom) missed = await missedSince(deps.db, actor.userId, resumeFrom);
  } catch (error) {
    await live.return?.();
    throw error;
  }
  const delivered = new Set(missed.map((hint) => hint.id));
  const hints = replayThenLive(missed, live, (message) =>
    isHint(message) && !delivered.has(message.id) ? { id: message.id } : null,
  );
  return readBack(hints, (hint) => receivedNotification(deps.db, actor.userId, hint.id));
}

/** Each hint read back as its row (for the recipient alone); a hint with no row of theirs is skipped. */
function readBack(
  hints: AsyncIterableIterator<NotificationHint>,
  read: (hint: NotificationHint) => Promise<Notification | null>,
): AsyncIterableIterator<Notification> {
  const iterator: AsyncIterableIterator<Notification> = {
    next: async () => {
      for (;;) {
        const result = await hints.next();
        if (result.done) return { done: true, value: undefined };
        const row = await read(result.value);
        if (row) return { done: false, value: row };
      }
    },
    return: async () => {
      await hints.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error) => {
      await hints.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * The caller's notifications newer than `after`. An id that is not one of theirs (unknown, or another
 * user's: the same answer) is BAD_USER_INPUT.
 */
async function missedSince(db: OpsDb, recipientId: string, after: string): Promise<NotificationHint[]> {
  const seen = await db.notification.findFirst({ where: { id: after, recipientId } });
  if (!seen) {
    throw badInput(
      "after",
      "after is not one of your notifications; re-read `notifications` and subscribe again.",
    );
  }
  const rows = await db.notification.findMany({
    where: {
      recipientId,
      OR: [{ createdAt: { gt: seen.createdAt } }, { createdAt: seen.createdAt, id: { gt: seen.id } }],
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: REPLAY_LIMIT,
    select: { id: true },
  });
  return rows;
}

/** A hinted notification, read back for its recipient only (null: not theirs, which a hint never is). */
const receivedNotification = (db: OpsDb, recipientId: string, id: string): Promise<Notification | null> =>
  db.notification.findFirst({ where: { id, recipientId } });
