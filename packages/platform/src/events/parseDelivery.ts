import { type EventEnvelope, envelopeSchema } from "@health/events/envelope";
import { prettifyError } from "zod";
import type { HandlerRegistration } from "./handlers.ts";

/** What a delivered message turned out to be, before any handler runs. */
export type Delivery =
  /** A subject this consumer has no handler for (a consumer without a precise filter sees those). */
  | { kind: "unhandled" }
  /** It can never succeed: not JSON, not an envelope, or a payload that breaks its event's schema. */
  | { kind: "invalid"; error: string }
  | { kind: "event"; registration: HandlerRegistration; envelope: EventEnvelope };

/** Validates a message against the envelope and its event's payload schema (STYLE.md: validated on receipt too). */
export function parseDelivery(
  subject: string,
  data: Uint8Array,
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
  const payload = event.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    return { kind: "invalid", error: `payload breaks ${event.subject}: ${prettifyError(payload.error)}` };
  }
  return { kind: "event", registration, envelope: { ...envelope.data, payload: payload.data } };
}
