import { randomUUID } from "node:crypto";
import type {
  contentPublishedV1,
  deviceDataSyncedV1,
  goalAchievedV1,
  healthActionRecordedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";

const iso = (at: Date) => at.toISOString();

/** Sample payloads, about `userId`, at `at` (default now). */
export const payloads = {
  healthAction: (userId: string, at = new Date()): EventPayload<typeof healthActionRecordedV1> => ({
    actionId: randomUUID(),
    userId,
    type: "WORKOUT",
    durationMinutes: 30,
    occurredAt: iso(at),
  }),
  goalAchieved: (userId: string, at = new Date()): EventPayload<typeof goalAchievedV1> => ({
    goalId: randomUUID(),
    userId,
    metric: "WEIGHT",
    target: 70,
    achievedAt: iso(at),
  }),
  deviceSynced: (userId: string, at = new Date()): EventPayload<typeof deviceDataSyncedV1> => ({
    userId,
    deviceBindingId: randomUUID(),
    recordCount: 3,
    syncedAt: iso(at),
  }),
  contentPublished: (userId: string, at = new Date()): EventPayload<typeof contentPublishedV1> => ({
    contentId: randomUUID(),
    authorId: userId,
    kind: "ARTICLE",
    title: "Walking after meals",
    publishedAt: iso(at),
  }),
};

export const hoursAgo = (hours: number): Date => new Date(Date.now() - hours * 3600_000);

/** An envelope as a producer's outbox would write it. */
export function envelopeOf<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  meta: { aggregateId?: string; actorId?: string | null; id?: string } = {},
): EventEnvelope<EventPayload<E>> {
  return {
    id: meta.id ?? randomUUID(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: new Date().toISOString(),
    aggregateId: meta.aggregateId ?? randomUUID(),
    actorId: meta.actorId ?? null,
    traceparent: null,
    payload,
  };
}
