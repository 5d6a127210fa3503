import { NotificationChannel, NotificationKind } from "../../generated/prisma/enums.ts";

export const NOTIFICATION_KINDS = Object.values(NotificationKind);
export const NOTIFICATION_CHANNELS = Object.values(NotificationChannel);

/** Push is on by default for what needs the user soon: an order, a live coach, a gift, a failed payment. */
const PUSH_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.ORDER_ASSIGNED,
  NotificationKind.SERVICE_COMPLETED,
  NotificationKind.LIVE_STARTED,
  NotificationKind.GIFT_RECEIVED,
  NotificationKind.PAYMENT_FAILED,
]);

/** E-mail is on by default only for payments (a receipt, a failure). */
const EMAIL_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set([
  NotificationKind.PAYMENT_SUCCEEDED,
  NotificationKind.PAYMENT_FAILED,
]);

/**
 * The default for a kind on a channel when the user chose nothing: the inbox (IN_APP) gets every kind,
 * push the urgent ones, e-mail the payments, SMS nothing (it costs per message).
 */
export function enabledByDefault(kind: NotificationKind, channel: NotificationChannel): boolean {
  switch (channel) {
    case NotificationChannel.IN_APP:
      return true;
    case NotificationChannel.PUSH:
      return PUSH_BY_DEFAULT.has(kind);
    case NotificationChannel.EMAIL:
      return EMAIL_BY_DEFAULT.has(kind);
    case NotificationChannel.SMS:
      return false;
  }
}

export interface PreferenceChoice {
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

/** The channels `kind` goes out on for a user, given the choices they made (any kind; others ignored). */
export function enabledChannels(
  kind: NotificationKind,
  choices: readonly PreferenceChoice[],
): NotificationChannel[] {
  return NOTIFICATION_CHANNELS.filter((channel) => {
    const choice = choices.find((c) => c.kind === kind && c.channel === channel);
    return choice ? choice.enabled : enabledByDefault(kind, channel);
  });
}

/** Every kind on every channel, each with what applies to the user and whether they chose it. */
export function effectivePreferences(
  choices: readonly PreferenceChoice[],
): (PreferenceChoice & { isDefault: boolean })[] {
  return NOTIFICATION_KINDS.flatMap((kind) =>
    NOTIFICATION_CHANNELS.map((channel) => {
      const choice = choices.find((c) => c.kind === kind && c.channel === channel);
      return {
        kind,
        channel,
        enabled: choice ? choice.enabled : enabledByDefault(kind, channel),
        isDefault: !choice,
      };
    }),
  );
}
