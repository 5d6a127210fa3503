import type { Actor } from "@health/platform/auth";
import { isUuid } from "@health/platform/graphql";
import { erasedAmong } from "@health/platform/privacy";
import DataLoader from "dataloader";
import type { DynamicDeps } from "./deps.ts";
import { followerCounts, followingCounts, followsEach } from "./domain/follows.ts";
import { activitiesOfUsers, type UserActivitiesKey } from "./domain/userActivities.ts";
import type { Activity } from "./generated/prisma/client.ts";

/** Per-request loaders for the `User` fields this subgraph adds (resolved per parent across `_entities`). */
export interface DynamicLoaders {
  followersCount: DataLoader<string, number>;
  followingCount: DataLoader<string, number>;
  isFollowedByMe: DataLoader<string, boolean>;
  activities: DataLoader<UserActivitiesKey, Activity[], string>;
  /** Whether a user was erased (issue 13): their `User` reference resolves to nothing. */
  erased: DataLoader<string, boolean>;
}

/** Ids that are not uuids match nothing (and would break a uuid cast): answered without a query. */
function uuidsOnly<V>(fallback: V, batch: (ids: string[]) => Promise<V[]>) {
  return async (ids: readonly string[]): Promise<V[]> => {
    const valid = ids.filter(isUuid);
    const values = valid.length > 0 ? await batch(valid) : [];
    const byId = new Map(valid.map((id, i) => [id, values[i] as V]));
    return ids.map((id) => byId.get(id) ?? fallback);
  };
}

export function createDynamicLoaders(deps: DynamicDeps, actor: Actor | null): DynamicLoaders {
  const viewerId = actor?.userId ?? null;
  return {
    followersCount: new DataLoader(uuidsOnly(0, (ids) => followerCounts(deps.db, ids))),
    followingCount: new DataLoader(uuidsOnly(0, (ids) => followingCounts(deps.db, ids))),
    isFollowedByMe: new DataLoader(
      uuidsOnly(false, (ids) =>
        viewerId ? followsEach(deps.db, viewerId, ids) : Promise.resolve(ids.map(() => false)),
      ),
    ),
    activities: new DataLoader(
      async (keys: readonly UserActivitiesKey[]) => {
        const valid = keys.filter((k) => isUuid(k.userId));
        const found = valid.length > 0 ? await activitiesOfUsers(deps.db, viewerId, valid) : [];
        return keys.map((key) => found[valid.indexOf(key)] ?? []);
      },
      { cacheKeyFn: (key) => `${key.userId}|${key.first}` },
    ),
    erased: new DataLoader(async (ids: readonly string[]) => {
      const gone = await erasedAmong(deps.db, ids);
      return ids.map((id) => gone.has(id));
    }),
  };
}
