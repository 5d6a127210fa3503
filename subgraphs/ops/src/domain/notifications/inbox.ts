import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page } from "@health/platform/pagination";
import type { OpsDb } from "../../db.ts";
import type { Notification } from "../../generated/prisma/client.ts";

export const INBOX_PAGE_LIMITS = { defaultSize: 20, maxSize: 100 };
/** markNotificationsRead takes at most this many ids at once. */
export const MAX_MARK_IDS = 100;

/** The caller's own notifications, newest first; `unreadOnly` keeps those not read yet. */
export function listNotifications(
  db: OpsDb,
  actor: Actor,
  args: { first?: number | null; after?: string | null; unreadOnly?: boolean | null },
): Promise<Page<Notification>> {
  return newestFirstPage(args, INBOX_PAGE_LIMITS, ({ after, ...page }) =>
    db.notification.findMany({
      where: { AND: [{ recipientId: actor.userId }, args.unreadOnly ? { readAt: null } : {}, after] },
      ...page,
    }),
  );
}

export const unreadCount = (db: OpsDb, actor: Actor): Promise<number> =>
  db.notification.count({ where: { recipientId: actor.userId, readAt: null } });

/**
 * Marks the caller's notifications among `ids` read (those already read keep their time) and returns
 * them. An id that is not the caller's, or no one's, is skipped the same way: the answer tells nothing
 * about other people's notifications.
 */
export async function markRead(
  db: OpsDb,
  actor: Actor,
  ids: readonly string[],
  now: Date,
): Promise<Notification[]> {
  if (ids.length > MAX_MARK_IDS) {
    throw badInput("ids", `ids takes at most ${MAX_MARK_IDS} ids; mark the rest in another call.`);
  }
  const checked = [...new Set(ids.map((id, i) => uuidArg(id, `ids[${i}]`, "a notification id")))];
  if (checked.length === 0) return [];
  const own = { id: { in: checked }, recipientId: actor.userId };
  await db.notification.updateMany({ where: { ...own, readAt: null }, data: { readAt: now } });
  return db.notification.findMany({ where: own, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

/** Marks every unread notification of the caller read; returns how many it marked. */
export async function markAllRead(db: OpsDb, actor: Actor, now: Date): Promise<number> {
  const { count } = await db.notification.updateMany({
    where: { recipientId: actor.userId, readAt: null },
    data: { readAt: now },
  });
  return count;
}
