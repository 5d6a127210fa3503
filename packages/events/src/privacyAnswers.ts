import { z } from "zod";
import { defineEvent, type Producer } from "./defineEvent.ts";

/** The subgraphs that hold data about a person: each answers every export and every erasure. */
export const DATA_HOLDERS = [
  "auth",
  "user",
  "dynamic",
  "trade",
  "finance",
  "ec",
  "content",
  "biz",
  "ops",
  "ai",
] as const satisfies readonly Producer[];
export type DataHolder = (typeof DATA_HOLDERS)[number];

/** What every `data_export_part_ready` carries: where a subgraph put its part and what it holds. */
export const dataExportPartPayload = z.object({
  exportId: z.uuid(),
  /** The part's name in the export store (`<exportId>/<subgraph>.json`). */
  objectName: z.string().min(1).max(200),
  /** SHA-256 (lowercase hex) of the part's bytes, as stored. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.int().nonnegative(),
  /** How many items each section of the part holds ("orders": 3). */
  sections: z.record(z.string(), z.int().nonnegative()),
});

/**
 * The `data_export_part_ready` contract of one producer: each subgraph answers auth's
 * `data_export_requested` with its own (`<producer>.data_export_part_ready.v1`), all with this payload.
 * It names the part and its checksum, never its content: the content is health data and stays in the
 * export store, out of the EVENTS stream (which every consumer with access reads).
 */
export const dataExportPartReady = (producer: DataHolder) =>
  defineEvent({
    name: "data_export_part_ready",
    version: 1,
    producer,
    description: `${producer} wrote its part of a person's data export to the export store; auth assembles the archive once every subgraph's part is in.`,
    payload: dataExportPartPayload,
  });

/** What erasure did to one table: its rows deleted, anonymised in place, or kept under the tombstone id. */
export const erasedTableSchema = z.object({
  table: z.string().min(1).max(100),
  action: z.enum(["DELETED", "ANONYMISED", "TOMBSTONED"]),
  rows: z.int().nonnegative(),
});

/** What every `account_erasure_acknowledged` carries: counts only, never who the person was. */
export const erasureAcknowledgedPayload = z.object({
  erasureId: z.uuid(),
  tables: z.array(erasedTableSchema),
});

/**
 * The `account_erasure_acknowledged` contract of one producer: each subgraph answers auth's
 * `account_erasure_started`, once its erasure committed, with the rows it erased per table.
 */
export const accountErasureAcknowledged = (producer: DataHolder) =>
  defineEvent({
    name: "account_erasure_acknowledged",
    version: 1,
    producer,
    description: `${producer} erased or anonymised what it held about an erased person (published in the erasure's transaction), with counts per table.`,
    payload: erasureAcknowledgedPayload,
  });
