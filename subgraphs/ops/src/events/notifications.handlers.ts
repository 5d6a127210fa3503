import {
  giftSentV1,
  liveStartedV1,
  orderAssignedV1,
  paymentFailedV1,
  paymentSuccessV1,
  pointsAwardedV1,
  serviceCompletedV1,
  userFollowedV1,
  userUnfollowedV1,
} from "@health/events/catalog";
import type { EventDefinition } from "@health/events/define";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { OpsTx } from "../db.ts";
import type { Channel } from "../domain/channels/channel.ts";
import { recordFollow } from "../domain/notifications/audience.ts";
import { notifyOnEvent } from "../domain/notifications/onEvent.ts";
import type { NotifiableEvent } from "../domain/notifications/rules.ts";

/** The notifications' durable consumer (inbox rows, JetStream consumer, dead letters). */
export const NOTIFICATIONS_CONSUMER = "ops-notifications";

/** The consumer hands a handler the transaction client of our Prisma client (typed as the raw executor). */
const asOpsTx = (tx: SqlExecutor): OpsTx => tx as unknown as OpsTx;

/**
 * M17's handlers: each event goes through the one rule table (domain/notifications/rules.ts); dynamic's
 * follows also keep the follower projection live_started fans out to (a follow is recorded before its
 * own notification, an unfollow only changes the projection).
 */
export const notificationHandlers = (deps: {
  channels: readonly Channel[];
  batchSize: number;
  kickSends(): void;
}): HandlerRegistration[] => {
  const notify = <E extends EventDefinition>(event: E, name: NotifiableEvent["name"]) =>
    on(event, (tx, envelope, { afterCommit }) =>
      notifyOnEvent(asOpsTx(tx), envelope.id, { name, payload: envelope.payload } as NotifiableEvent, {
        ...deps,
        afterCommit,
      }),
    );
  return [
    notify(orderAssignedV1, "order_assigned"),
    notify(serviceCompletedV1, "service_completed"),
    on(userFollowedV1, async (tx, envelope, { afterCommit }) => {
      const { followerId, followeeId, at } = envelope.payload;
      await recordFollow(asOpsTx(tx), {
        eventId: envelope.id,
        followeeId,
        followerId,
        following: true,
        at: new Date(at),
      });
      await notifyOnEvent(
        asOpsTx(tx),
        envelope.id,
        { name: "user_followed", payload: envelope.payload },
        {
          ...deps,
          afterCommit,
        },
      );
    }),
    on(userUnfollowedV1, async (tx, { id, payload }) => {
      await recordFollow(asOpsTx(tx), {
        eventId: id,
        followeeId: payload.followeeId,
        followerId: payload.followerId,
        following: false,
        at: new Date(payload.at),
      });
    }),
    notify(liveStartedV1, "live_started"),
    notify(giftSentV1, "gift_sent"),
    notify(paymentSuccessV1, "payment_success"),
    notify(paymentFailedV1, "payment_failed"),
    notify(pointsAwardedV1, "points_awarded"),
  ];
};
