import { randomUUID } from "node:crypto";
import type {
  giftSentV1,
  orderAssignedV1,
  orderCancelledV1,
  orderCreatedV1,
  serviceCompletedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";

/** An envelope as a producer's outbox would write it. */
export function envelopeOf<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  meta: { aggregateId?: string; id?: string } = {},
): EventEnvelope<EventPayload<E>> {
  return {
    id: meta.id ?? randomUUID(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: new Date().toISOString(),
    aggregateId: meta.aggregateId ?? randomUUID(),
    actorId: null,
    traceparent: null,
    payload,
  };
}

/** One service order's life as trade tells it: each event's payload, at `at` (default now). */
export function serviceOrder(coachId: string, priceAmount = 19_900, at = new Date()) {
  const orderId = randomUUID();
  const customerId = randomUUID();
  const iso = at.toISOString();
  return {
    orderId,
    created: {
      orderId,
      customerId,
      serviceType: "CONSULTATION",
      priceAmount,
      currency: "CNY",
      createdAt: iso,
    } satisfies EventPayload<typeof orderCreatedV1>,
    assigned: { orderId, customerId, coachId, assignedAt: iso } satisfies EventPayload<
      typeof orderAssignedV1
    >,
    completed: {
      orderId,
      userId: customerId,
      healthWorkerId: coachId,
      completionTime: iso,
      rating: null,
      priceAmount,
      currency: "CNY",
    } satisfies EventPayload<typeof serviceCompletedV1>,
    cancelled: {
      orderId,
      customerId,
      status: "CANCELLED",
      reason: "the customer changed their mind",
      cancelledAt: iso,
    } satisfies EventPayload<typeof orderCancelledV1>,
  };
}

/** A gift of `amount` points sent to `recipientId`. */
export const giftTo = (
  recipientId: string,
  amount: number,
  quantity = 1,
): EventPayload<typeof giftSentV1> => ({
  giftOrderId: randomUUID(),
  senderId: randomUUID(),
  recipientId,
  giftId: randomUUID(),
  amount,
  currency: "POINTS",
  quantity,
  sentAt: new Date().toISOString(),
});
