import type { EventEnvelope } from "@health/events/envelope";
import { type MsgHdrs, headers as natsHeaders } from "nats";

/** Message headers: the causing user and the trace context travel beside the envelope, for tools that never parse it. */
export const EventHeader = {
  actorId: "Health-Actor-Id",
  traceparent: "traceparent",
  eventName: "Health-Event-Name",
  eventVersion: "Health-Event-Version",
  aggregateId: "Health-Aggregate-Id",
  /** The subgraph that published the event; consumers dead-letter one that is not the subject's owner. */
  producer: "Health-Producer",
  /** JetStream's dedupe key; set through the `msgID` publish option, never copied by hand. */
  msgId: "Nats-Msg-Id",
} as const;

/** Headers a dead letter carries on top of the original message's. */
export const DeadLetterHeader = {
  error: "Health-Dead-Error",
  subject: "Health-Dead-Subject",
  consumer: "Health-Dead-Consumer",
  deliveries: "Health-Dead-Deliveries",
} as const;

/** NATS header values are one line; an error message may not be, and may be long. */
export function headerValue(value: string, maxLength = 1_000): string {
  const line = value.replace(/[\r\n]+/g, " ").trim();
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

export function envelopeHeaders(envelope: EventEnvelope): MsgHdrs {
  const headers = natsHeaders();
  headers.set(EventHeader.eventName, envelope.name);
  headers.set(EventHeader.eventVersion, String(envelope.version));
  headers.set(EventHeader.producer, headerValue(envelope.producer));
  headers.set(EventHeader.aggregateId, headerValue(envelope.aggregateId));
  if (envelope.actorId) headers.set(EventHeader.actorId, headerValue(envelope.actorId));
  if (envelope.traceparent) headers.set(EventHeader.traceparent, headerValue(envelope.traceparent));
  return headers;
}

/** A copy of `source` without the headers named in `drop` (JetStream refuses some, e.g. a stale `Nats-Msg-Id`). */
export function copyHeaders(source: MsgHdrs | undefined, drop: readonly string[] = []): MsgHdrs {
  const copy = natsHeaders();
  if (!source) return copy;
  const dropped = new Set(drop.map((name) => name.toLowerCase()));
  for (const [name, values] of source) {
    if (dropped.has(name.toLowerCase())) continue;
    for (const value of values) copy.append(name, value);
  }
  return copy;
}
