import type {
  giftSentV1,
  liveStartedV1,
  orderAssignedV1,
  paymentFailedV1,
  paymentSuccessV1,
  pointsAwardedV1,
  serviceCompletedV1,
  userFollowedV1,
} from "@health/events/catalog";
import type { EventPayload } from "@health/events/define";
import { NotificationKind } from "../../generated/prisma/enums.ts";

/** The ids a notification is about; each is optional, the kind says which it carries. */
export interface NotificationData {
  orderId?: string;
  streamId?: string;
  paymentId?: string;
  giftOrderId?: string;
  points?: number;
}

/** What a notification says, whoever it goes to. */
export interface NotificationContent {
  kind: NotificationKind;
  title: string;
  body: string;
  data: NotificationData;
  /** Who caused it (the coach, the follower, the host, the gift's sender), when someone did. */
  actorId: string | null;
}

/**
 * Who a rule notifies: named users (written in the event's own transaction), or every follower of a
 * coach (a fan-out, worked through in batches by `sends.ts`).
 */
export type NotificationPlan =
  | { to: "users"; userIds: string[]; content: NotificationContent }
  | { to: "followersOf"; coachId: string; content: NotificationContent };

/** The events ops notifies on, each with its contract's payload (packages/events/src). */
export type NotifiableEvent =
  | { name: "order_assigned"; payload: EventPayload<typeof orderAssignedV1> }
  | { name: "service_completed"; payload: EventPayload<typeof serviceCompletedV1> }
  | { name: "user_followed"; payload: EventPayload<typeof userFollowedV1> }
  | { name: "live_started"; payload: EventPayload<typeof liveStartedV1> }
  | { name: "gift_sent"; payload: EventPayload<typeof giftSentV1> }
  | { name: "payment_success"; payload: EventPayload<typeof paymentSuccessV1> }
  | { name: "payment_failed"; payload: EventPayload<typeof paymentFailedV1> }
  | { name: "points_awarded"; payload: EventPayload<typeof pointsAwardedV1> };

const MAX_TEXT = 200;

/** Text from another's hands (a stream title, a provider's reason) cut to fit a notification. */
const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/** Minor units as a decimal string (integer arithmetic: rule 6), with the currency's own digits. */
export function formatMoney(amount: number, currency: string): string {
  let digits = 2;
  try {
    digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
      2;
  } catch {
    // An unknown code: two digits, the common case.
  }
  if (digits === 0) return `${amount} ${currency}`;
  const scale = 10 ** digits;
  const whole = Math.trunc(amount / scale);
  const fraction = String(amount % scale).padStart(digits, "0");
  return `${whole}.${fraction} ${currency}`;
}

const toUsers = (userIds: string[], content: NotificationContent): NotificationPlan => ({
  to: "users",
  userIds: [...new Set(userIds)],
  content,
});

/**
 * The notifications an event causes. Nothing derived from health data is ever notified (goal_achieved
 * and the like are not here), and a points award does not say why: its reason may name a health event
 * (finance awards points for goal_achieved and health_action_recorded).
 */
export function notificationsFor(event: NotifiableEvent): NotificationPlan[] {
  switch (event.name) {
    case "order_assigned": {
      const { orderId, customerId, coachId } = event.payload;
      return [
        toUsers([customerId], {
          kind: NotificationKind.ORDER_ASSIGNED,
          title: "A coach took your order",
          body: "A coach accepted your service order; you can talk to them now.",
          data: { orderId },
          actorId: coachId,
        }),
      ];
    }
    case "service_completed": {
      const { orderId, userId, healthWorkerId } = event.payload;
      return [
        toUsers([userId], {
          kind: NotificationKind.SERVICE_COMPLETED,
          title: "Service completed",
          body: "Your coach completed your service order. You can rate them now.",
          data: { orderId },
          actorId: healthWorkerId,
        }),
        toUsers([healthWorkerId], {
          kind: NotificationKind.SERVICE_COMPLETED,
          title: "Service completed",
          body: "A service order you took is completed.",
          data: { orderId },
          actorId: userId,
        }),
      ];
    }
    case "user_followed": {
      const { followerId, followeeId } = event.payload;
      if (followerId === followeeId) return [];
      return [
        toUsers([followeeId], {
          kind: NotificationKind.NEW_FOLLOWER,
          title: "You have a new follower",
          body: "Someone started following you.",
          data: {},
          actorId: followerId,
        }),
      ];
    }
    case "live_started": {
      const { streamId, hostId, title } = event.payload;
      return [
        {
          to: "followersOf",
          coachId: hostId,
          content: {
            kind: NotificationKind.LIVE_STARTED,
            title: "A coach you follow is live",
            body: clip(title),
            data: { streamId },
            actorId: hostId,
          },
        },
      ];
    }
    case "gift_sent": {
      const { giftOrderId, senderId, recipientId, giftId, quantity, liveRoomId, orderId } = event.payload;
      const count = quantity ?? 1;
      return [
        toUsers([recipientId], {
          kind: NotificationKind.GIFT_RECEIVED,
          title: "You received a gift",
          body: clip(count === 1 ? `You received a ${giftId}.` : `You received ${count} × ${giftId}.`),
          data: {
            giftOrderId,
            ...(liveRoomId ? { streamId: liveRoomId } : {}),
            ...(orderId ? { orderId } : {}),
          },
          actorId: senderId,
        }),
      ];
    }
    case "payment_success": {
      const { paymentId, payerId, amount, currency } = event.payload;
      return [
        toUsers([payerId], {
          kind: NotificationKind.PAYMENT_SUCCEEDED,
          title: "Payment received",
          body: `Your payment of ${formatMoney(amount, currency)} went through.`,
          data: { paymentId },
          actorId: null,
        }),
      ];
    }
    case "payment_failed": {
      const { paymentId, payerId, reason } = event.payload;
      return [
        toUsers([payerId], {
          kind: NotificationKind.PAYMENT_FAILED,
          title: "Payment failed",
          body: clip(`Your payment did not go through (${reason}); nothing was taken.`),
          data: { paymentId },
          actorId: null,
        }),
      ];
    }
    case "points_awarded": {
      const { userId, points } = event.payload;
      return [
        toUsers([userId], {
          kind: NotificationKind.POINTS_AWARDED,
          title: "Points received",
          body: points === 1 ? "You received 1 point." : `You received ${points} points.`,
          data: { points },
          actorId: null,
        }),
      ];
    }
  }
}

/** The users an event shows ops exist (ALL_USERS), and which of them it shows to be coaches (COACHES). */
export function audienceIn(event: NotifiableEvent): { users: string[]; coaches: string[] } {
  switch (event.name) {
    case "order_assigned":
      return { users: [event.payload.customerId], coaches: [event.payload.coachId] };
    case "service_completed":
      return { users: [event.payload.userId], coaches: [event.payload.healthWorkerId] };
    case "user_followed":
      return { users: [event.payload.followerId, event.payload.followeeId], coaches: [] };
    case "live_started":
      return { users: [], coaches: [event.payload.hostId] };
    case "gift_sent":
      return { users: [event.payload.senderId, event.payload.recipientId], coaches: [] };
    case "payment_success":
    case "payment_failed":
      return { users: [event.payload.payerId], coaches: [] };
    case "points_awarded":
      return { users: [event.payload.userId], coaches: [] };
  }
}
