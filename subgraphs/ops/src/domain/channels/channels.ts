import type { NatsPubSub } from "@health/platform/nats";
import { NotificationChannel } from "../../generated/prisma/enums.ts";
import type { Channel } from "./channel.ts";
import { inAppChannel } from "./inAppChannel.ts";
import { unconfiguredChannel } from "./unconfiguredChannel.ts";

/**
 * Every channel a notification can go out on: the inbox (real), and push, SMS and e-mail with no
 * provider configured (recorded as not sent). A provider's adapter replaces its channel here.
 */
export const notificationChannels = (pubSub: NatsPubSub): Channel[] => [
  inAppChannel(pubSub),
  unconfiguredChannel(NotificationChannel.PUSH),
  unconfiguredChannel(NotificationChannel.SMS),
  unconfiguredChannel(NotificationChannel.EMAIL),
];
