import { type Actor, hasRole } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { AuthDb } from "../../db.ts";
import type { AuthDeps } from "../../deps.ts";
import { type DataExportState, exportState } from "./exportState.ts";
import { DATA_EXPORT_UPDATED, snapshotThenLive } from "./updates.ts";

const withParts = { parts: { select: { subgraph: true } } } as const;

/** The export's state now, or null when there is none with this id. */
export async function readExportState(db: AuthDb, id: string): Promise<DataExportState | null> {
  if (!isUuid(id)) return null;
  const row = await db.dataExport.findUnique({ where: { id }, include: withParts });
  return row ? exportState(row, row.parts) : null;
}

/** Its owner and admins may see an export; anyone else learns nothing, not even that it exists. */
const maySee = (actor: Actor, state: DataExportState): boolean =>
  state.userId === actor.userId || hasRole(actor, "admin");

/** An export its owner or an admin asks for; anyone else's is NOT_FOUND. */
export async function findDataExport(db: AuthDb, actor: Actor, id: string): Promise<DataExportState> {
  const state = await readExportState(db, id);
  if (!state || !maySee(actor, state)) throw notFound("Data export", id);
  return state;
}

/** The caller's own exports, newest first (the last 20: older ones have long expired). */
export async function myDataExports(db: AuthDb, actor: Actor): Promise<DataExportState[]> {
  const rows = await db.dataExport.findMany({
    where: { userId: actor.userId },
    orderBy: { requestedAt: "desc" },
    take: 20,
    include: withParts,
  });
  return rows.map((row) => exportState(row, row.parts));
}

/**
 * `dataExportUpdated`: the export's state when the caller joined, then every change. Subscribed first,
 * then read: every change after the read is published after it, so nothing falls in between (older
 * ones are dropped by version).
 */
export async function openExportUpdates(
  deps: Pick<AuthDeps, "db" | "pubSub">,
  actor: Actor,
  id: string,
): Promise<AsyncIterableIterator<DataExportState>> {
  await findDataExport(deps.db, actor, id);
  const live = deps.pubSub.subscribe(DATA_EXPORT_UPDATED, id);
  await deps.pubSub.flush();
  const state = await readExportState(deps.db, id);
  if (!state) {
    await live.return?.();
    throw notFound("Data export", id);
  }
  return snapshotThenLive(state, live);
}
