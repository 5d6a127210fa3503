import { z } from "zod";

/**
 * The one shape every message has on the bus. `id` is also the `Nats-Msg-Id` (JetStream drops a
 * duplicate publish) and the key consumers record in their inbox (a redelivery has no second effect).
 */
export const envelopeSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1),
  version: z.number().int().positive(),
  producer: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  /** The entity whose events must stay in order (an order id, a user id). */
  aggregateId: z.string().min(1),
  /** The user whose request caused the event, when there was one. */
  actorId: z.string().nullable(),
  /** W3C trace context of the causing request. */
  traceparent: z.string().nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<TPayload = unknown> = Omit<z.infer<typeof envelopeSchema>, "payload"> & {
  payload: TPayload;
};
