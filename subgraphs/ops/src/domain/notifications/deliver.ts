import { uuidv7 } from "@health/platform/events";
import type { Channel, DeliveryContext } from "../channels/channel.ts";
import { enabledChannels } from "./preferenceRules.ts";
import type { NotificationContent } from "./rules.ts";

/** What a batch delivered: recipients it was for, and inbox rows it wrote. */
export interface BatchDelivery {
  recipients: number;
  inApp: number;
}

/**
 * Delivers `content` to each recipient on the channels their preferences leave on (one query for the
 * batch's choices), inside `context.tx`. `sourceKey` makes it idempotent per recipient and channel.
 */
export async function deliverToRecipients(
  context: DeliveryContext,
  channels: readonly Channel[],
  recipientIds: readonly string[],
  content: NotificationContent,
  sourceKey: string,
): Promise<BatchDelivery> {
  const unique = [...new Set(recipientIds)];
  if (unique.length === 0) return { recipients: 0, inApp: 0 };
  const choices = await context.tx.notificationPreference.findMany({
    where: { userId: { in: unique }, kind: content.kind },
  });
  let inApp = 0;
  for (const userId of unique) {
    const on = new Set(
      enabledChannels(
        content.kind,
        choices.filter((choice) => choice.userId === userId),
      ),
    );
    // One id per recipient, shared by its channels: an outbound message names the inbox row it mirrors.
    const notification = { ...content, id: uuidv7(), sourceKey };
    for (const channel of channels) {
      if (!on.has(channel.channel)) continue;
      const { delivered } = await channel.deliver(notification, { userId }, context);
      if (delivered && channel.channel === "IN_APP") inApp += 1;
    }
  }
  return { recipients: unique.length, inApp };
}
