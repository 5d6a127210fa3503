import { replayThenLive } from "@health/platform/graphql";
import type { NatsPubSub } from "@health/platform/nats";
import type { DataExportState } from "./exportState.ts";

/** Where an export's updates travel (NATS core, `[<prefix>.]live.auth.data_export_updated.<exportId>`). */
export const DATA_EXPORT_UPDATED = "auth.data_export_updated";

/** Publishes after the write committed; at most once (NATS core): a subscriber reads the row on joining. */
export function publishExportUpdate(pubSub: NatsPubSub, state: DataExportState): void {
  pubSub.publish(DATA_EXPORT_UPDATED, state.id, state);
}

/**
 * A subscriber's stream: the state when it joined (`snapshot`, read after subscribing to `live`), then
 * the live updates newer than it by version (an update published before the snapshot was read is
 * dropped, as is a repeat).
 */
export function snapshotThenLive(
  snapshot: DataExportState,
  live: AsyncIterableIterator<unknown>,
): AsyncIterableIterator<DataExportState> {
  let lastVersion = snapshot.version;
  return replayThenLive([snapshot], live, (message) => {
    const update = message as DataExportState | null;
    if (!update?.id || update.id !== snapshot.id || update.version <= lastVersion) return null;
    lastVersion = update.version;
    return update;
  });
}
