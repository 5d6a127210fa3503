import { randomUUID } from "node:crypto";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { type AuditRecord, GENESIS_HASH, hashOf } from "../src/domain/audit/canonical.ts";

/** An envelope as a producer's relay sends it. */
export function envelopeOf<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  meta: { aggregateId?: string; id?: string; actorId?: string | null; occurredAt?: Date } = {},
): EventEnvelope<EventPayload<E>> {
  return {
    id: meta.id ?? randomUUID(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: (meta.occurredAt ?? new Date()).toISOString(),
    aggregateId: meta.aggregateId ?? randomUUID(),
    actorId: meta.actorId ?? null,
    traceparent: null,
    payload,
  };
}

/** An untouched chain of `count` rows, as appendAudit writes it, in memory. */
export function chainOf(count: number): AuditRecord[] {
  const rows: AuditRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let sequence = 1; sequence <= count; sequence++) {
    const row = sealed({ sequence, prevHash, action: `action_${sequence}` });
    rows.push(row);
    prevHash = row.hash;
  }
  return rows;
}

/** A row with a correct hash over its fields (what a forger who knows the algorithm can make). */
export function sealed(fields: {
  sequence: number;
  prevHash: string;
  action?: string;
  id?: string;
}): AuditRecord {
  const at = new Date(Date.UTC(2026, 11, 7, 12, 0, fields.sequence));
  const row = {
    id: fields.id ?? randomUUID(),
    sequence: fields.sequence,
    occurredAt: at,
    recordedAt: at,
    kind: "EVENT",
    actorId: randomUUID(),
    subjectType: "ServiceOrder",
    subjectId: randomUUID(),
    action: fields.action ?? "order_created",
    details: { amount: fields.sequence * 100, nested: { b: 1, a: [true, null, "x"] } },
    eventId: randomUUID(),
    prevHash: fields.prevHash,
  };
  return { ...row, hash: hashOf(row) };
}
