import { isCataloged } from "@health/events/catalog";
import type { EventDefinition } from "@health/events/define";
import { type EventEnvelope, envelopeSchema } from "@health/events/envelope";
import { prettifyError, type z } from "zod";
import { currentTraceparent } from "../tracing/traceContext.ts";
import { traceOutboxWrite } from "./eventSpans.ts";
import { hintOutboxWrite } from "./outboxHints.ts";
import { insertOutboxRow } from "./outboxTable.ts";
import type { SqlExecutor } from "./sql.ts";
import { uuidv7 } from "./uuidv7.ts";

/** A payload (or envelope field) that breaks the event's contract: a bug in the producer, never retried. */
export class EventPayloadError extends Error {
  readonly event: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(event: EventDefinition, error: z.ZodError) {
    super(`Event ${event.subject} refused: its payload breaks the contract.\n${prettifyError(error)}`);
    this.name = "EventPayloadError";
    this.event = event.subject;
    this.issues = error.issues;
  }
}

/** An event definition that is not (this exact object) in `@health/events/catalog`. */
export class UncatalogedEventError extends Error {
  constructor(event: EventDefinition) {
    super(
      `Event ${event.subject} refused: it is not in @health/events/catalog. Add its definition file and list it in catalog.ts.`,
    );
    this.name = "UncatalogedEventError";
  }
}

export interface PublishMeta {
  /** The entity whose events must stay in order (an order id, a user id). */
  aggregateId: string;
  /** The user whose request caused the event. */
  actorId?: string | null;
  /** W3C trace context of the causing request. Default: the active span's (none while tracing is off). */
  traceparent?: string | null;
  /** Default: now. */
  occurredAt?: Date;
}

/** A validated event, ready for its `outbox_events` row. */
export interface PreparedEvent<P = unknown> {
  subject: string;
  envelope: EventEnvelope<P>;
}

/**
 * Validates `payload` against the event's schema and builds its envelope, without writing anything.
 * For a statement that writes the outbox row itself (for example only when its business write took
 * effect); otherwise use `publishEvent`.
 */
export function prepareEvent<E extends EventDefinition>(
  event: E,
  payload: z.input<E["payload"]>,
  meta: PublishMeta,
): PreparedEvent<z.infer<E["payload"]>> {
  if (!isCataloged(event)) throw new UncatalogedEventError(event);
  const parsedPayload = event.payload.safeParse(payload);
  if (!parsedPayload.success) throw new EventPayloadError(event, parsedPayload.error);
  const parsedEnvelope = envelopeSchema.safeParse({
    id: uuidv7(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    aggregateId: meta.aggregateId,
    actorId: meta.actorId ?? null,
    traceparent: meta.traceparent ?? currentTraceparent(),
    payload: parsedPayload.data,
  });
  if (!parsedEnvelope.success) throw new EventPayloadError(event, parsedEnvelope.error);
  return { subject: event.subject, envelope: parsedEnvelope.data as EventEnvelope<z.infer<E["payload"]>> };
}

/**
 * Validates `payload` against the event's schema and writes the envelope into `outbox_events` through
 * `tx`, so the event commits or rolls back with the caller's business write (../shared/design/ARCHITECTURE.md rule 3).
 * The outbox relay publishes it afterwards. Nothing is written when validation fails.
 */
export async function publishEvent<E extends EventDefinition>(
  tx: SqlExecutor,
  event: E,
  payload: z.input<E["payload"]>,
  meta: PublishMeta,
): Promise<EventEnvelope<z.infer<E["payload"]>>> {
  return traceOutboxWrite(event.subject, async () => {
    const prepared = prepareEvent(event, payload, meta);
    await insertOutboxRow(tx, prepared);
    hintOutboxWrite();
    return prepared.envelope;
  });
}
