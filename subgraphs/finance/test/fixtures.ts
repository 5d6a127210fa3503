import { randomUUID } from "node:crypto";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";

/** An envelope as a producer's outbox would write it, about `aggregateId`. */
export const envelopeOf = <E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  aggregateId: string,
): EventEnvelope<EventPayload<E>> => ({
  id: randomUUID(),
  name: event.name,
  version: event.version,
  producer: event.producer,
  occurredAt: new Date().toISOString(),
  aggregateId,
  actorId: aggregateId,
  traceparent: null,
  payload,
});
