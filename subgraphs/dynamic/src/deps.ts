import type { NatsPubSub } from "@health/platform/nats";
import type { Infrastructure } from "@health/platform/server";
import type { DynamicDb } from "./db.ts";
import type { FeedCache } from "./domain/feedCache.ts";

export interface DynamicDeps extends Infrastructure<DynamicDb> {
  feedCache: FeedCache;
  /** Carries `feedUpdated` between instances (NATS core). */
  pubSub: NatsPubSub;
}
