import { ensureEventStreams, startEventConsumer } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { NatsPubSub } from "@health/platform/nats";
import { redisDownWarning } from "@health/platform/redis";
import { connectInfrastructure } from "@health/platform/server";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { DynamicConfig } from "./config.ts";
import type { DynamicDeps } from "./deps.ts";
import { createFeedCache } from "./domain/feedCache.ts";
import { withAfterCommit } from "./events/afterCommit.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { DYNAMIC_CONSUMER, dynamicEventHandlers } from "./subgraph.ts";

export interface ConnectDynamicOptions {
  /** Prepended to every Redis key (tests use a random one). */
  redisKeyPrefix?: string;
  /** One subject token prepended to JetStream streams, event subjects and `feedUpdated` subjects. */
  eventPrefix?: string;
  /** Run the event consumer. Default true. */
  consumer?: boolean;
  logger?: Logger;
  /** Where the event metrics are registered (the process's `/metrics`). */
  metrics?: Registry;
}

/**
 * Opens the dynamic subgraph's connections (database, Redis, NATS) and starts its durable event
 * consumer (`dynamic`). `close` stops the consumer first, then the connections.
 */
export async function connectDynamic(
  config: DynamicConfig,
  options: ConnectDynamicOptions = {},
): Promise<{ deps: DynamicDeps; close(): Promise<void> }> {
  const { close: closeInfrastructure, ...infrastructure } = await connectInfrastructure(
    "dynamic",
    PrismaClient,
    config,
    { redisKeyPrefix: options.redisKeyPrefix },
  );
  const bus = options.eventPrefix ? { prefix: options.eventPrefix } : {};
  const logger = options.logger ?? createLogger("dynamic");
  const deps: DynamicDeps = {
    ...infrastructure,
    feedCache: createFeedCache(infrastructure.redis, {
      ttlSeconds: config.FEED_CACHE_TTL_SECONDS,
      onRedisDown: redisDownWarning(logger),
    }),
    pubSub: new NatsPubSub(infrastructure.nats, bus),
  };
  if (options.consumer === false) return { deps, close: closeInfrastructure };

  try {
    await ensureEventStreams(deps.nats, bus);
    const unitOfWork = withAfterCommit(deps.db, logger);
    const consumer = await startEventConsumer({
      consumer: DYNAMIC_CONSUMER,
      db: unitOfWork.db,
      nats: deps.nats,
      handlers: dynamicEventHandlers({ ...deps, afterCommit: unitOfWork.afterCommit }),
      logger,
      metrics: options.metrics,
      ...bus,
    });
    return {
      deps,
      close: async () => {
        await consumer.stop();
        await closeInfrastructure();
      },
    };
  } catch (error) {
    await closeInfrastructure();
    throw error;
  }
}
