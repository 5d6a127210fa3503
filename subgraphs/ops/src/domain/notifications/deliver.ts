import { uuidv7 } from "@health/platform/events";
import type { Addressed, Channel, DeliveryContext } from "../channels/channel.ts";
import { enabledChannels } from "./preferenceRules.ts";
import type { NotificationContent } from "./rules.ts";

/** What a batch delivered: recipients it was for, and inbox rows it wrote. */
export interface BatchDelivery {
  recipients: number;
  inApp: number;
}

/**
 * Delivers `content` to each recipient on the channels their preferences leave on, inside `context.tx`:
 * one query for the batch's choices and one multi-row write per channel, whatever the batch's size. `sourceKey` makes it idempotent per recipient and channel.
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
  // One id per recipient, shared by its channels: an outbound message names the inbox row it mirrors.
  const choicesOf = new Map<string, typeof choices>();
  for (const choice of choices)
    choicesOf.set(choice.userId, [...(choicesOf.get(choice.userId) ?? []), choice]);
  const byChannel = new Map<string, Addressed[]>();
  for (const userId of unique) {
    const on = enabledChannels(content.kind, choicesOf.get(userId) ?? []);
    const notification = { ...content, id: uuidv7(), sourceKey };
    for (const channel of on) {
      const batch = byChannel.get(channel) ?? [];
      batch.push({ notification, recipient: { userId } });
      byChannel.set(channel, batch);
    }
  }
  let inApp = 0;
  for (const channel of channels) {
    const { delivered } = await channel.deliver(byChannel.get(channel.channel) ?? [], context);
    if (channel.channel === "IN_APP") inApp = delivered.size;
  }
  return { recipients: unique.length, inApp };
}
