import { adminActionPayload } from "@health/events/adminAction";
import type { EventDefinition } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { USER_ROLES } from "@health/events/people";
import type { AuditEntry } from "./append.ts";

/** Producers whose payloads are health data, kept out of the audit log's details. */
const HEALTH_DATA_PRODUCERS = new Set<string>(["user"]);

/**
 * The type of an event's aggregate, read from the payload key holding the aggregate's id (`orderId` →
 * "Order", `customerId` → "User"); the contracts carry the id only. "<producer>.<name>" when no key holds it.
 */
export function aggregateTypeOf(event: EventDefinition, envelope: EventEnvelope): string {
  const payload = (envelope.payload ?? {}) as Record<string, unknown>;
  const key = Object.keys(payload).find(
    (name) => name.endsWith("Id") && payload[name] === envelope.aggregateId,
  );
  if (!key) return `${event.producer}.${event.name}`;
  const role = key.slice(0, -2);
  if (USER_ROLES.has(role)) return "User";
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/**
 * The audit row of an event: its aggregate the subject, its actor the actor, its name the action, its
 * payload the details. An `admin_action_recorded` is an ADMIN_ACTION row with the subject and action the
 * admin's subgraph named.
 */
export function auditEntryOfEvent(event: EventDefinition, envelope: EventEnvelope): AuditEntry {
  const base = {
    actorId: envelope.actorId,
    occurredAt: new Date(envelope.occurredAt),
    eventId: envelope.id,
  };
  if (event.name === "admin_action_recorded") {
    const payload = adminActionPayload.parse(envelope.payload);
    return {
      ...base,
      kind: "ADMIN_ACTION",
      subjectType: payload.subjectType,
      subjectId: payload.subjectId,
      action: `${event.producer}.${payload.action}`,
      details: { ...payload.details, producer: event.producer, event: event.subject },
    };
  }
  return {
    ...base,
    kind: "EVENT",
    subjectType: aggregateTypeOf(event, envelope),
    subjectId: envelope.aggregateId,
    action: event.name,
    details: {
      producer: event.producer,
      event: event.subject,
      // user's events carry health data (ARCHITECTURE rule 4): the log records that they happened, and
      // the data stays with user, where every read of it is logged.
      payload: HEALTH_DATA_PRODUCERS.has(event.producer) ? null : envelope.payload,
    },
  };
}
