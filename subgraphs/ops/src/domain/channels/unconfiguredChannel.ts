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
  async deliver(notification, recipient, { tx }) {
    const { count } = await tx.outboundMessage.createMany({
      data: [
        {
          id: uuidv7(),
          channel,
          recipientId: recipient.userId,
          sourceKey: notification.sourceKey,
          kind: notification.kind,
          title: notification.title,
          body: notification.body,
          status: NOT_SENT_NO_PROVIDER,
        },
      ],
      skipDuplicates: true,
    });
    return { delivered: count === 1 };
  },
});
