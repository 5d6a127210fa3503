import type { Actor } from "@health/platform/auth";
import DataLoader from "dataloader";
import type { BizDeps } from "./deps.ts";
import { latestMemberships, memberCounts } from "./domain/communities/communities.ts";
import type { CommunityMembership } from "./generated/prisma/client.ts";

/** Per-request loaders for a community's fields resolved per parent: its member count, the caller's membership. */
export interface BizLoaders {
  memberCount: DataLoader<string, number>;
  myMembership: DataLoader<string, CommunityMembership | null>;
}

export const createBizLoaders = (deps: BizDeps, actor: Actor | null): BizLoaders => ({
  memberCount: new DataLoader((ids: readonly string[]) => memberCounts(deps.db, ids)),
  myMembership: new DataLoader(async (ids: readonly string[]) =>
    actor ? latestMemberships(deps.db, actor.userId, ids) : ids.map(() => null),
  ),
});
