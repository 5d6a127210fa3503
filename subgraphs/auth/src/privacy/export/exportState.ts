import { DATA_HOLDERS } from "@health/events/privacy";
import type { DataExport, DataExportPart } from "../../generated/prisma/client.ts";

/** What a reader and a subscriber see of an export: its row and which subgraphs' parts are in. */
export interface DataExportState {
  id: string;
  userId: string;
  status: DataExport["status"];
  /** Bumped on every change; live updates older than what a subscriber already saw are dropped. */
  version: number;
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  subgraphsReady: string[];
  subgraphsPending: string[];
}

type ExportRow = Pick<
  DataExport,
  "id" | "userId" | "status" | "version" | "requestedAt" | "readyAt" | "expiresAt"
>;

/**
 * The state of `row` with `parts` received. A READY or EXPIRED export has had every part (its parts'
 * rows are deleted once assembled), so it shows every subgraph ready.
 */
export function exportState(
  row: ExportRow,
  parts: ReadonlyArray<Pick<DataExportPart, "subgraph">>,
): DataExportState {
  const received = new Set(parts.map((part) => part.subgraph));
  const complete = row.status !== "REQUESTED";
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    version: row.version,
    requestedAt: row.requestedAt.toISOString(),
    readyAt: row.readyAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    subgraphsReady: DATA_HOLDERS.filter((subgraph) => complete || received.has(subgraph)),
    subgraphsPending: complete ? [] : DATA_HOLDERS.filter((subgraph) => !received.has(subgraph)),
  };
}
