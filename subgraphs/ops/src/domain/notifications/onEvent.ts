import type { OpsTx } from "../../db.ts";
import { NotificationSegment } from "../../generated/prisma/enums.ts";
import type { Channel } from "../channels/channel.ts";
import { recordAudience } from "./audience.ts";
import { deliverToRecipients } from "./deliver.ts";
import { audienceIn, type NotifiableEvent, notificationsFor } from "./rules.ts";
import { queueSend, sendBatchIn } from "./sends.ts";

export interface NotifyEffects {
  channels: readonly Channel[];
  /** Recipients per fan-out batch: the first is written in the event's own transaction. */
  batchSize: number;
  /** Wakes the fan-out worker (after commit). */
  kickSends(): void;
  afterCommit(effect: () => void): void;
}

/**
 * Applies the rules to one consumed event in the consumer's transaction: the users it shows are
 * recorded (segments), named recipients get theirs now (idempotent by `event:<id>`), and a fan-out to
 * followers is a send whose id is the event's: its first batch here, the rest in batches after commit.
 */
export async function notifyOnEvent(
  tx: OpsTx,
  eventId: string,
  event: NotifiableEvent,
  effects: NotifyEffects,
): Promise<void> {
  await recordAudience(tx, audienceIn(event));
  for (const plan of notificationsFor(event)) {
    if (plan.to === "users") {
      await deliverToRecipients(
        { tx, afterCommit: effects.afterCommit },
        effects.channels,
        plan.userIds,
        plan.content,
        `event:${eventId}`,
      );
    } else {
      await queueSend(tx, {
        id: eventId,
        segment: NotificationSegment.FOLLOWERS_OF,
        coachId: plan.coachId,
        content: plan.content,
        sentBy: null,
      });
      // The first batch now (most coaches have fewer followers than a batch: no second hop), the rest
      // in the background.
      const more = await sendBatchIn(tx, eventId, {
        channels: effects.channels,
        batchSize: effects.batchSize,
        afterCommit: effects.afterCommit,
        leaseUntil: null,
      });
      if (more) effects.afterCommit(effects.kickSends);
    }
  }
}
