import type { SubgraphPrivacy } from "@health/platform/privacy";
import type { DynamicDeps } from "../deps.ts";
import { collectDynamic } from "./collect.ts";
import { eraseDynamic } from "./erase.ts";
import { DYNAMIC_TABLES } from "./policy.ts";

/**
 * The dynamic subgraph's part in data-subject rights (issue 13). Redis holds feeds' first pages: the
 * person's own keys are deleted, and every follower's cached feed, which may list the person's
 * activities, is retired.
 */
export const dynamicPrivacy = (deps: Pick<DynamicDeps, "db" | "feedCache">): SubgraphPrivacy => ({
  subgraph: "dynamic",
  tables: DYNAMIC_TABLES,
  collect: collectDynamic,
  erase: eraseDynamic,
  purgeOutside: async ({ userId }) => {
    // Runs before the erasure commits, so `deps.db` (outside its transaction) still sees the follows
    // it deletes. A follower who reads in between caches a page whose ids of the erased activities
    // then resolve to nothing (`activitiesInOrder` skips ids no longer there).
    const followers = await deps.db.follow.findMany({
      where: { followeeId: userId },
      select: { followerId: true },
    });
    await deps.feedCache.forget(userId);
    await deps.feedCache.invalidate(followers.map((f) => f.followerId));
  },
});
