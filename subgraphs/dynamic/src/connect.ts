import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer } from "@health/platform/privacy";
import { redisDownWarning } from "@health/platform/redis";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { DynamicConfig } from "./config.ts";
import type { DynamicDeps } from "./deps.ts";
import { createFeedCache } from "./domain/feedCache.ts";
import { DYNAMIC_CONSUMER, dynamicEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { dynamicPrivacy } from "./privacy/index.ts";

/**
 * Opens the dynamic subgraph's connections, starts the relay that publishes its outbox (follows) and its
 * durable event consumers: `dynamic` (activities) and `dynamic-privacy` (auth's export and erasure
 * requests, issue 13).
 */
export const connectDynamic = (config: DynamicConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "dynamic",
      deps: async ({ db, redis, nats, bus, logger }): Promise<DynamicDeps> => ({
        db,
        redis,
        nats,
        feedCache: createFeedCache(redis, {
          ttlSeconds: config.FEED_CACHE_TTL_SECONDS,
          onRedisDown: redisDownWarning(logger),
        }),
        pubSub: new NatsPubSub(nats, bus),
        exports: await ExportStore.open(nats, bus),
      }),
      publishesEvents: true,
      consumer: (deps) => [
        { name: DYNAMIC_CONSUMER, db: deps.db, handlers: dynamicEventHandlers(deps) },
        privacyConsumer(dynamicPrivacy(deps), { db: deps.db, exports: deps.exports }),
      ],
    },
    config,
    options,
  );
