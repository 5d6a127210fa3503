import { uuidv7 } from "@health/platform/events";
import type { NotificationChannel } from "../../generated/prisma/enums.ts";
import type { Channel } from "./channel.ts";

/** The status of a message no provider was configured to send. */
export const NOT_SENT_NO_PROVIDER = "not sent: no provider configured";

/**
 * Push (APNs/FCM), SMS or e-mail with no provider configured: records what it would send in
 * `outbound_messages` with the status saying it was not sent. It pretends nothing; a real adapter
 * (README, "Channels and adapters") writes the same row as `queued` and sends it after commit.
 */
export const unconfiguredChannel = (channel: NotificationChannel): Channel => ({
  channel,
  async deliver(batch, { tx }) {
    if (batch.length === 0) return { delivered: new Set() };
    const rows = batch.map(({ notification, recipient }) => ({
      id: uuidv7(),
      notificationId: notification.id,
      recipientId: recipient.userId,
      notification,
    }));
    const written = await tx.outboundMessage.createManyAndReturn({
      data: rows.map(({ id, recipientId, notification }) => ({
        id,
        channel,
        recipientId,
        sourceKey: notification.sourceKey,
        kind: notification.kind,
        title: notification.title,
        body: notification.body,
        status: NOT_SENT_NO_PROVIDER,
      })),
      skipDuplicates: true,
      select: { id: true },
    });
    const inserted = new Set(written.map((row) => row.id));
    return {
      delivered: new Set(rows.filter((row) => inserted.has(row.id)).map((row) => row.notificationId)),
    };
  },
});
