import type { Actor } from "@health/platform/auth";
import DataLoader from "dataloader";
import type { BizDeps } from "./deps.ts";
import { latestMemberships, memberCounts } from "./domain/communities/communities.ts";
import type { ChatRoom, CommunityMembership } from "./generated/prisma/client.ts";

/**
 * Per-request loaders for the fields resolved per parent: a community's member count and the caller's
 * membership, a stream's chat room (its slow mode).
 */
export interface BizLoaders {
  memberCount: DataLoader<string, number>;
  myMembership: DataLoader<string, CommunityMembership | null>;
  chatRoom: DataLoader<string, ChatRoom | null>;
}

export const createBizLoaders = (deps: BizDeps, actor: Actor | null): BizLoaders => ({
  memberCount: new DataLoader((ids: readonly string[]) => memberCounts(deps.db, ids)),
  myMembership: new DataLoader(async (ids: readonly string[]) =>
    actor ? latestMemberships(deps.db, actor.userId, ids) : ids.map(() => null),
  ),
  chatRoom: new DataLoader(async (streamIds: readonly string[]) => {
    const rows = await deps.db.chatRoom.findMany({ where: { streamId: { in: [...streamIds] } } });
    const byId = new Map(rows.map((row) => [row.streamId, row]));
    return streamIds.map((id) => byId.get(id) ?? null);
  }),
});
