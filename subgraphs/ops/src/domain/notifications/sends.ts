import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { OpsDb, OpsTx } from "../../db.ts";
import type { NotificationSend } from "../../generated/prisma/client.ts";
import {
  NotificationKind,
  NotificationSegment,
  NotificationSendStatus,
} from "../../generated/prisma/enums.ts";
import { appendAudit } from "../audit/append.ts";
import type { Channel } from "../channels/channel.ts";
import { deliverToRecipients } from "./deliver.ts";
import type { NotificationContent, NotificationData } from "./rules.ts";
import { checkSend, type SendInput, sameSend } from "./sendRules.ts";

/** What a fan-out needs besides its send row. */
export interface SendEffects {
  db: OpsDb;
  channels: readonly Channel[];
  /** Recipients per batch (one transaction each). */
  batchSize: number;
}

/** How long a claimed send stays an instance's before another may take it over (a crashed instance). */
const LEASE_MS = 60_000;
/** How soon a worker whose run failed tries again. */
const RETRY_MS = 1_000;

/** Queues a fan-out in the caller's transaction; the same id queued twice is one send (false the second time). */
export async function queueSend(
  tx: OpsTx,
  send: {
    id: string;
    segment: NotificationSegment;
    coachId?: string | null;
    userIds?: string[];
    content: NotificationContent;
    sentBy: string | null;
  },
): Promise<boolean> {
  const queued = await tx.notificationSend.createMany({
    data: [
      {
        id: send.id,
        kind: send.content.kind,
        segment: send.segment,
        coachId: send.coachId ?? null,
        userIds: send.userIds ?? [],
        title: send.content.title,
        body: send.content.body,
        data: { ...send.content.data },
        actorId: send.content.actorId,
        sentBy: send.sentBy,
      },
    ],
    skipDuplicates: true,
  });
  return queued.count > 0;
}

/**
 * An operator's send to a segment (POST /ops/notifications): checked, queued, and worked through in the
 * background (`kick`). Idempotent by `input.sendId`: the same send asked again returns the first one;
 * another content under the same id is CONFLICT.
 */
export async function sendNotification(
  db: OpsDb,
  actor: Actor,
  input: SendInput,
  kick: () => void,
): Promise<NotificationSend> {
  const checked = checkSend(input);
  const id = checked.sendId ?? randomUUID();
  const existing = await db.notificationSend.findUnique({ where: { id } });
  if (!existing) {
    await db.$transaction(async (tx) => {
      const queued = await queueSend(tx, {
        id,
        segment: checked.segment,
        coachId: checked.coachId,
        userIds: checked.userIds,
        content: {
          kind: NotificationKind.ANNOUNCEMENT,
          title: checked.title,
          body: checked.body,
          data: {},
          actorId: null,
        },
        sentBy: actor.userId,
      });
      // The send is recorded once, with the queueing that made it (a concurrent twin queued nothing).
      if (queued) {
        await appendAudit(tx, {
          kind: "OPERATOR_ACTION",
          actorId: actor.userId,
          subjectType: "NotificationSend",
          subjectId: id,
          action: "send_notification",
          details: {
            segment: checked.segment,
            coachId: checked.coachId,
            ...(checked.userIds.length > 0 ? { userCount: checked.userIds.length } : {}),
            title: checked.title,
          },
        });
      }
    });
  }
  const send = existing ?? (await db.notificationSend.findUniqueOrThrow({ where: { id } }));
  if (!sameSend({ ...checked, sentBy: actor.userId }, send)) {
    throw conflict(`Send ${id} was already made with another audience or text; use a new sendId.`, {
      sendId: id,
    });
  }
  kick();
  return send;
}

/** A send by id, for an operator (NOT_FOUND when there is none). */
export async function findSend(db: OpsDb, id: string): Promise<NotificationSend> {
  const sendId = uuidArg(id, "id", "a send id");
  const send = await db.notificationSend.findUnique({ where: { id: sendId } });
  if (!send) throw notFound("Notification send", sendId);
  return send;
}

/** Takes one unfinished send whose lease is free (SKIP LOCKED: instances never take the same one). */
async function claimSend(db: OpsDb): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE notification_sends SET status = 'SENDING', lease_until = now() + ${`${LEASE_MS} milliseconds`}::interval
    WHERE id = (
      SELECT id FROM notification_sends
      WHERE status <> 'DONE' AND (lease_until IS NULL OR lease_until < now())
      ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return rows[0]?.id ?? null;
}

/** The next recipients of `send` after its cursor, in user id order. */
async function nextRecipients(tx: OpsTx, send: NotificationSend, size: number): Promise<string[]> {
  const after = send.cursor ? { gt: send.cursor } : undefined;
  switch (send.segment) {
    case NotificationSegment.ALL_USERS:
    case NotificationSegment.COACHES: {
      const rows = await tx.notificationAudience.findMany({
        where: {
          ...(after ? { userId: after } : {}),
          ...(send.segment === NotificationSegment.COACHES ? { isCoach: true } : {}),
        },
        orderBy: { userId: "asc" },
        take: size,
        select: { userId: true },
      });
      return rows.map((row) => row.userId);
    }
    case NotificationSegment.FOLLOWERS_OF: {
      const rows = await tx.notificationFollow.findMany({
        where: { followeeId: send.coachId ?? "", following: true, ...(after ? { followerId: after } : {}) },
        orderBy: { followerId: "asc" },
        take: size,
        select: { followerId: true },
      });
      return rows.map((row) => row.followerId);
    }
    case NotificationSegment.USERS:
      return [...send.userIds]
        .sort()
        .filter((id) => !send.cursor || id > send.cursor)
        .slice(0, size);
  }
}

/** What one batch of a send needs inside its transaction. */
export interface SendBatchContext {
  channels: readonly Channel[];
  batchSize: number;
  afterCommit(effect: () => void): void;
  /** Until when the send stays this worker's after the batch (null: free for any worker at once). */
  leaseUntil: Date | null;
}

/**
 * One batch of a send inside `tx`, holding the send's row: the next recipients get it on the channels
 * their preferences leave on, and the cursor and counts move past them; a batch shorter than the batch
 * size (none left) marks it DONE. The live pushes go through `afterCommit`. Returns whether more remain.
 */
export async function sendBatchIn(tx: OpsTx, sendId: string, context: SendBatchContext): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM notification_sends WHERE id = ${sendId}::uuid FOR UPDATE`;
  const send = await tx.notificationSend.findUnique({ where: { id: sendId } });
  if (!send || send.status === NotificationSendStatus.DONE) return false;
  const recipients = await nextRecipients(tx, send, context.batchSize);
  const content: NotificationContent = {
    kind: send.kind,
    title: send.title,
    body: send.body,
    data: send.data as NotificationData,
    actorId: send.actorId,
  };
  const delivery = await deliverToRecipients(
    { tx, afterCommit: context.afterCommit },
    context.channels,
    recipients,
    content,
    `send:${send.id}`,
  );
  const more = recipients.length === context.batchSize;
  await tx.notificationSend.update({
    where: { id: sendId },
    data: {
      ...(recipients.length > 0 ? { cursor: recipients.at(-1) } : {}),
      recipientCount: { increment: delivery.recipients },
      deliveredCount: { increment: delivery.inApp },
      ...(more
        ? { status: NotificationSendStatus.SENDING, leaseUntil: context.leaseUntil }
        : { status: NotificationSendStatus.DONE, completedAt: new Date(), leaseUntil: null }),
    },
  });
  return more;
}

/** One batch of a claimed send in a transaction of its own; the live pushes go after it commits. */
export async function runSendBatch(effects: SendEffects, sendId: string): Promise<boolean> {
  const pushes: (() => void)[] = [];
  const more = await effects.db.$transaction((tx) =>
    sendBatchIn(tx, sendId, {
      channels: effects.channels,
      batchSize: effects.batchSize,
      afterCommit: (push) => pushes.push(push),
      leaseUntil: new Date(Date.now() + LEASE_MS),
    }),
  );
  for (const push of pushes) push();
  return more;
}

/** Every batch of a claimed send; a failed one gives the lease back so any instance may retry at once. */
async function runSend(effects: SendEffects, sendId: string, stopped: () => boolean): Promise<void> {
  try {
    while (!stopped() && (await runSendBatch(effects, sendId))) {
      // next batch of the same send
    }
  } catch (error) {
    await effects.db.notificationSend
      .updateMany({
        where: { id: sendId, status: { not: NotificationSendStatus.DONE } },
        data: { leaseUntil: null },
      })
      .catch(() => undefined);
    throw error;
  }
}

export interface SendWorker {
  /** Works through every unfinished send now (a new one was queued); a call while running runs once more after. */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Works through queued sends in batches, woken by `kick` (a send queued here, a live_started handled) and
 * by a slow sweep for sends another instance left unfinished. Safe to run on every instance.
 */
export function createSendWorker(
  effects: SendEffects,
  onError: (error: unknown) => void,
  retryMs = RETRY_MS,
): SendWorker {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const drain = async () => {
    do {
      again = false;
      for (
        let sendId = await claimSend(effects.db);
        sendId && !stopped;
        sendId = await claimSend(effects.db)
      ) {
        await runSend(effects, sendId, () => stopped);
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => {
        onError(error);
        // The database failed us (a restart, a pool timeout): try again soon rather than at the sweep.
        if (!stopped) setTimeout(kick, retryMs).unref();
      })
      .finally(() => {
        running = null;
      });
  };
  return {
    kick,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}
