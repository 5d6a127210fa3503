import type { EventEnvelope } from "@health/events/envelope";
import type { MsgHdrs } from "nats";
import { inSpan, SpanKind } from "../tracing/spans.ts";
import { contextFromTraceparent, currentTraceparent } from "../tracing/traceContext.ts";
import { isTracingOn } from "../tracing/tracingState.ts";
import { EventHeader, envelopeHeaders, headerValue } from "./headers.ts";

/** The tracer of the event mechanism (outbox, relay, consumers), whichever subgraph runs it. */
const SCOPE = "events";

/**
 * `write` (which prepares the event and writes its outbox row) inside an `outbox write <subject>`
 * span: the envelope's `traceparent`, taken from the active span by `prepareEvent`, then names this
 * span, and the relay's publish span becomes its child.
 */
export function traceOutboxWrite<T>(subject: string, write: () => Promise<T>): Promise<T> {
  return inSpan(
    SCOPE,
    `outbox write ${subject}`,
    { attributes: { "messaging.destination.name": subject, "messaging.system": "nats" } },
    write,
  );
}

/**
 * Publishes one outbox row inside a PRODUCER span, child of the context stored with the row, and
 * sends that span's `traceparent` in the message headers (the envelope keeps the outbox write's).
 * Tracing off: the envelope's headers, as before.
 */
export function tracePublish<T>(
  subject: string,
  envelope: EventEnvelope,
  publish: (headers: MsgHdrs) => Promise<T>,
): Promise<T> {
  if (!isTracingOn()) return publish(envelopeHeaders(envelope));
  return inSpan(
    SCOPE,
    `publish ${subject}`,
    {
      kind: SpanKind.PRODUCER,
      parent: contextFromTraceparent(envelope.traceparent),
      attributes: {
        "messaging.system": "nats",
        "messaging.operation.type": "send",
        "messaging.destination.name": subject,
        "messaging.message.id": envelope.id,
      },
    },
    () => {
      const headers = envelopeHeaders(envelope);
      const traceparent = currentTraceparent();
      if (traceparent) headers.set(EventHeader.traceparent, headerValue(traceparent));
      return publish(headers);
    },
  );
}

/**
 * One consumer's handling of one event inside a CONSUMER span, child of the publish span named by the
 * message's `traceparent` header (else the envelope's, for a message relayed before tracing was on).
 */
export function traceHandling<T>(
  consumer: string,
  envelope: EventEnvelope,
  headers: MsgHdrs | undefined,
  handle: () => Promise<T>,
): Promise<T> {
  if (!isTracingOn()) return handle();
  const traceparent = headers?.get(EventHeader.traceparent) || envelope.traceparent;
  return inSpan(
    SCOPE,
    `process ${envelope.name} v${envelope.version}`,
    {
      kind: SpanKind.CONSUMER,
      parent: contextFromTraceparent(traceparent),
      attributes: {
        "messaging.system": "nats",
        "messaging.operation.type": "process",
        "messaging.consumer.group.name": consumer,
        "messaging.message.id": envelope.id,
      },
    },
    handle,
  );
}
