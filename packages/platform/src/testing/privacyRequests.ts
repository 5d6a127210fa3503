import { randomUUID } from "node:crypto";
import { accountErasureStartedV1, dataExportRequestedV1, privacyAnswersOf } from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import type { DataHolder } from "@health/events/privacy";
import type { NatsConnection } from "nats";
import { prepareEvent } from "../events/publishEvent.ts";
import type { SqlExecutor } from "../events/sql.ts";
import type { EventBusOptions } from "../events/subjects.ts";
import { ExportStore, exportPartName } from "../privacy/exportStore.ts";
import type { ErasedTable, ExportSections } from "../privacy/subgraphPrivacy.ts";
import { eventually } from "./eventually.ts";

/** What a subgraph's privacy test needs of its harness (`startSubgraphHarness`'s return, with the db). */
export interface PrivacyTestTarget {
  subgraph: DataHolder;
  db: SqlExecutor;
  nats: NatsConnection;
  bus: EventBusOptions;
  publish<E extends EventDefinition>(event: E, envelope: EventEnvelope<EventPayload<E>>): Promise<void>;
}

/** A subgraph's part of an export, as it wrote it to the export store. */
export interface ExportPart {
  format: string;
  subgraph: string;
  exportId: string;
  userId: string;
  generatedAt: string;
  sections: ExportSections;
}

/** Waits (30 s at most) until `read` gives something, and throws naming `what` if it never does. */
async function waitFor<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const value = await eventually(read, (found) => found !== undefined, 30_000);
  if (value === undefined) throw new Error(`Waited 30 s for ${what}; it never came.`);
  return value;
}

/** The payload of the subgraph's answer in its outbox: the `<subgraph>.<name>.v1` row about `aggregateId`. */
async function answerInOutbox(target: PrivacyTestTarget, event: EventDefinition, aggregateId: string) {
  const rows = await target.db.$queryRawUnsafe<Array<{ envelope: EventEnvelope }>>(
    `SELECT "envelope" FROM "outbox_events" WHERE "subject" = $1 AND "aggregate_id" = $2`,
    event.subject,
    aggregateId,
  );
  return rows[0]?.envelope.payload;
}

/**
 * Publishes auth's `data_export_requested` for `userId` on the harness's streams and waits for the
 * subgraph's answer; returns its part, read back from the export store, and the counts it announced.
 */
export async function exportThroughSubgraph(target: PrivacyTestTarget, userId: string) {
  const exportId = randomUUID();
  const { envelope } = prepareEvent(
    dataExportRequestedV1,
    { exportId, userId, requestedAt: new Date().toISOString() },
    { aggregateId: exportId, actorId: userId },
  );
  await target.publish(dataExportRequestedV1, envelope);
  const answer = await waitFor(
    () => answerInOutbox(target, privacyAnswersOf[target.subgraph].partReady, exportId),
    `${target.subgraph}'s data_export_part_ready`,
  );
  const store = await ExportStore.open(target.nats, target.bus);
  const bytes = await store.get(exportPartName(exportId, target.subgraph));
  if (!bytes) throw new Error(`${target.subgraph} announced its part but the export store has none.`);
  return {
    exportId,
    part: JSON.parse(new TextDecoder().decode(bytes)) as ExportPart,
    answer: answer as EventPayload<(typeof privacyAnswersOf)[DataHolder]["partReady"]>,
  };
}

/**
 * Publishes auth's `account_erasure_started` for `userId` (a fresh erasure id and tombstone unless
 * given: give the same ones to replay a redelivery under a new event id) and waits for the subgraph's
 * acknowledgement; returns what it says it erased per table.
 */
export async function eraseThroughSubgraph(
  target: PrivacyTestTarget,
  userId: string,
  ids: { erasureId?: string; tombstoneId?: string } = {},
): Promise<{ erasureId: string; tombstoneId: string; tables: ErasedTable[] }> {
  const erasureId = ids.erasureId ?? randomUUID();
  const tombstoneId = ids.tombstoneId ?? randomUUID();
  const { envelope } = prepareEvent(
    accountErasureStartedV1,
    { erasureId, userId, tombstoneId, startedAt: new Date().toISOString() },
    { aggregateId: erasureId, actorId: null },
  );
  const acknowledged = privacyAnswersOf[target.subgraph].acknowledged;
  const before = await target.db.$queryRawUnsafe<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM "outbox_events" WHERE "subject" = $1 AND "aggregate_id" = $2`,
    acknowledged.subject,
    erasureId,
  );
  await target.publish(accountErasureStartedV1, envelope);
  const rows = await waitFor(async () => {
    const found = await target.db.$queryRawUnsafe<
      Array<{ envelope: EventEnvelope<{ tables: ErasedTable[] }> }>
    >(
      `SELECT "envelope" FROM "outbox_events" WHERE "subject" = $1 AND "aggregate_id" = $2 ORDER BY "created_at"`,
      acknowledged.subject,
      erasureId,
    );
    return found.length > (before[0]?.count ?? 0) ? found : undefined;
  }, `${target.subgraph}'s account_erasure_acknowledged`);
  const latest = rows[rows.length - 1]!;
  return { erasureId, tombstoneId, tables: latest.envelope.payload.tables };
}
