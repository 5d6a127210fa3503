import { type EventEnvelope, envelopeSchema } from "@health/events/envelope";
import type { MsgHdrs } from "nats";
import { prettifyError } from "zod";
import { producerMismatch } from "./checkProducer.ts";
import type { HandlerRegistration } from "./handlers.ts";
import { EventHeader } from "./headers.ts";

/** What a delivered message turned out to be, before any handler runs. */
export type Delivery =
  /** A subject this consumer has no handler for (a consumer without a precise filter sees those). */
  | { kind: "unhandled" }
  /** It can never succeed: not JSON, not an envelope, or a payload that breaks its event's schema. */
  | { kind: "invalid"; error: string }
  /** A valid event claiming a producer other than its subject's owner: forged or misrouted, never run. */
  | { kind: "forged"; error: string }
  | { kind: "event"; registration: HandlerRegistration; envelope: EventEnvelope };

/** The parts of a delivered message that decide what it is. */
export interface DeliveredMessage {
  subject: string;
  data: Uint8Array;
  headers?: MsgHdrs;
}

/** Validates a message against the envelope, its event's payload schema and its producer (../shared/design/STYLE.md: validated on receipt too). */
export function parseDelivery(
  { subject, data, headers }: DeliveredMessage,
  handlersBySubject: ReadonlyMap<string, HandlerRegistration>,
): Delivery {
  const registration = handlersBySubject.get(subject);
  if (!registration) return { kind: "unhandled" };
  const { event } = registration;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(data));
  } catch (error) {
    return { kind: "invalid", error: `not JSON: ${(error as Error).message}` };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success)
    return { kind: "invalid", error: `not an event envelope: ${prettifyError(envelope.error)}` };
  if (envelope.data.name !== event.name || envelope.data.version !== event.version) {
    return {
      kind: "invalid",
      error: `envelope says ${envelope.data.name} v${envelope.data.version} on the subject of ${event.name} v${event.version}`,
    };
  }
  const mismatch = producerMismatch(event, envelope.data, headers?.get(EventHeader.producer) || undefined);
  if (mismatch) return { kind: "forged", error: mismatch };
  const payload = event.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    return { kind: "invalid", error: `payload breaks ${event.subject}: ${prettifyError(payload.error)}` };
  }
  return { kind: "event", registration, envelope: { ...envelope.data, payload: payload.data } };
}
