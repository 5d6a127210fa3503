import { NatsPubSub } from "@health/platform/nats";
import { redisDownWarning } from "@health/platform/redis";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { DynamicConfig } from "./config.ts";
import type { DynamicDeps } from "./deps.ts";
import { createFeedCache } from "./domain/feedCache.ts";
import { DYNAMIC_CONSUMER, dynamicEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the dynamic subgraph's connections, starts the relay that publishes its outbox (follows) and its
 * durable event consumer (`dynamic`).
 */
export const connectDynamic = (config: DynamicConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "dynamic",
      deps: ({ db, redis, nats, bus, logger }): DynamicDeps => ({
        db,
        redis,
        nats,
        feedCache: createFeedCache(redis, {
          ttlSeconds: config.FEED_CACHE_TTL_SECONDS,
          onRedisDown: redisDownWarning(logger),
        }),
        pubSub: new NatsPubSub(nats, bus),
      }),
      publishesEvents: true,
      consumer: (deps) => ({ name: DYNAMIC_CONSUMER, db: deps.db, handlers: dynamicEventHandlers(deps) }),
    },
    config,
    options,
  );
