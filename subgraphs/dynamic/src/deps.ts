import type { Infrastructure } from "@health/platform/server";
import type { FeedCache } from "./domain/feedCache.ts";
import type { Prisma, PrismaClient } from "./generated/prisma/client.ts";
import type { NatsPubSub } from "./pubsub/natsPubSub.ts";

export type DynamicDb = PrismaClient;
export type DynamicTx = Prisma.TransactionClient;

export interface DynamicDeps extends Infrastructure<DynamicDb> {
  feedCache: FeedCache;
  /** Carries `feedUpdated` between instances (NATS core). */
  pubSub: NatsPubSub;
}
