import { catalog } from "@health/events/catalog";
import { type HandlerRegistration, on } from "@health/platform/events";
import { appendAudit } from "../domain/audit/append.ts";
import { auditEntryOfEvent } from "../domain/audit/eventEntry.ts";

/** The audit log's durable consumer (inbox rows, JetStream consumer, dead letters). */
export const AUDIT_CONSUMER = "ops-audit";

/**
 * One handler for every event in the catalog, built from the catalog when the consumer starts: an event
 * added to the catalog later is audited with no change here.
 */
export const auditEventHandlers = (): HandlerRegistration[] =>
  catalog.map((event) =>
    on(event, async (tx, envelope) => {
      await appendAudit(tx, auditEntryOfEvent(event, envelope));
    }),
  );
