import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { Infrastructure } from "@health/platform/server";
import type { DynamicDb } from "./db.ts";
import type { FeedCache } from "./domain/feedCache.ts";

export interface DynamicDeps extends Infrastructure<DynamicDb> {
  feedCache: FeedCache;
  /** Carries `feedUpdated` between instances (NATS core). */
  pubSub: NatsPubSub;
  /** Where the privacy consumer writes a person's export part. */
  exports: ExportStore;
}
