import type { NatsPubSub } from "@health/platform/nats";
import type { Infrastructure } from "@health/platform/server";
import type { FeedCache } from "./domain/feedCache.ts";
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";

export type DynamicDb = PrismaClient;
export type DynamicTx = Prisma.TransactionClient;

export interface DynamicDeps extends Infrastructure<DynamicDb> {
  feedCache: FeedCache;
  /** Carries `feedUpdated` between instances (NATS core). */
  pubSub: NatsPubSub;
}
