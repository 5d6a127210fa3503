import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { type HandlerRegistration, on, type SqlExecutor } from "@health/platform/events";
import type { DynamicTx } from "../db.ts";
import { recordActivity } from "../domain/activities.ts";
import type { ActivityInput } from "../domain/activityInput.ts";
import type { FeedAnnouncer } from "../domain/feedUpdates.ts";

export type ActivityMapper<E extends EventDefinition> = (
  envelope: EventEnvelope<EventPayload<E>>,
) => ActivityInput | null;

/**
 * The consumer hands a handler the transaction client of the db it was given: our Prisma client's, so
 * the raw `SqlExecutor` it is typed as is a full Prisma transaction client.
 */
const asDynamicTx = (tx: SqlExecutor): DynamicTx => tx as unknown as DynamicTx;

/**
 * A handler that only turns its event into `recordActivity` (null: the event makes no activity); the
 * feed's readers are told once the consumer's transaction committed.
 */
export const activityHandler =
  <E extends EventDefinition>(event: E, toActivity: ActivityMapper<E>) =>
  (announcer: FeedAnnouncer): HandlerRegistration =>
    on(event, async (tx, envelope, { afterCommit }) => {
      await recordActivity(asDynamicTx(tx), announcer, afterCommit, toActivity(envelope));
    });
