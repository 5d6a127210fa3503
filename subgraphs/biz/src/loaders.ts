import DataLoader from "dataloader";
import type { BizDeps } from "./deps.ts";
import type { ChatRoom } from "./generated/prisma/client.ts";

/** Per-request DataLoaders for the fields resolved per parent: a stream's chat room (its slow mode). */
export interface BizLoaders {
  chatRoom: DataLoader<string, ChatRoom | null>;
}

export const createBizLoaders = (deps: BizDeps): BizLoaders => ({
  chatRoom: new DataLoader(async (streamIds: readonly string[]) => {
    const rows = await deps.db.chatRoom.findMany({ where: { streamId: { in: [...streamIds] } } });
    const byId = new Map(rows.map((row) => [row.streamId, row]));
    return streamIds.map((id) => byId.get(id) ?? null);
  }),
});
