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
  async deliver(notification, recipient, { tx, afterCommit }) {
    const { count } = await tx.notification.createMany({
      data: [
        {
          id: notification.id,
          recipientId: recipient.userId,
          kind: notification.kind,
          title: notification.title,
          body: notification.body,
          data: { ...notification.data },
          actorId: notification.actorId,
          sourceKey: notification.sourceKey,
        },
      ],
      skipDuplicates: true,
    });
    if (count === 0) return { delivered: false };
    afterCommit(() => announceNotification(pubSub, recipient.userId, notification.id));
    return { delivered: true };
  },
});
