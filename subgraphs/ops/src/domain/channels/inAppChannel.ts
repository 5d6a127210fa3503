import type { NatsPubSub } from "@health/platform/nats";
import { NotificationChannel } from "../../generated/prisma/enums.ts";
import { announceNotification } from "../notifications/live.ts";
import type { Channel } from "./channel.ts";

/**
 * The inbox (real): the notification row, and once it committed a hint on the recipient's
 * `notificationReceived` subject so whichever instance holds their socket pushes it.
 */
export const inAppChannel = (pubSub: NatsPubSub): Channel => ({
  channel: NotificationChannel.IN_APP,
  async deliver(batch, { tx, afterCommit }) {
    if (batch.length === 0) return { delivered: new Set() };
    // Only the rows inserted now come back: a source already in a recipient's inbox is skipped.
    const written = await tx.notification.createManyAndReturn({
      data: batch.map(({ notification, recipient }) => ({
        id: notification.id,
        recipientId: recipient.userId,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        data: { ...notification.data },
        actorId: notification.actorId,
        sourceKey: notification.sourceKey,
      })),
      skipDuplicates: true,
      select: { id: true, recipientId: true },
    });
    afterCommit(() => {
      for (const row of written) announceNotification(pubSub, row.recipientId, row.id);
    });
    return { delivered: new Set(written.map((row) => row.id)) };
  },
});
