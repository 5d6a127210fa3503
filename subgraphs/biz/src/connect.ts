import { NatsPubSub } from "@health/platform/nats";
import { Presence, RateLimiter, redisDownWarning } from "@health/platform/redis";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { BizConfig } from "./config.ts";
import type { BizDeps } from "./deps.ts";
import { ChatViewers } from "./domain/chat/viewers.ts";
import { BIZ_CONSUMER, bizEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the biz subgraph's connections, starts the relay that publishes its outbox and its durable
 * event consumer (`biz`), which keeps the workbench's projections and writes gifts into live chats.
 */
export const connectBiz = (config: BizConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "biz",
      deps: ({ db, redis, nats, bus, logger, defer }): BizDeps => {
        const onRedisDown = redisDownWarning(logger);
        const pubSub = new NatsPubSub(nats, bus);
        const heartbeatMs = config.CHAT_VIEWER_HEARTBEAT_SECONDS * 1000;
        const chatViewers = new ChatViewers(new Presence(redis, { heartbeatMs, onRedisDown }), pubSub, {
          heartbeatMs,
        });
        defer(() => chatViewers.stop());
        return {
          db,
          redis,
          nats,
          pubSub,
          chatLimiter: new RateLimiter(redis, { onRedisDown }),
          chatSlowModeSeconds: config.CHAT_SLOW_MODE_SECONDS,
          chatViewers,
        };
      },
      publishesEvents: true,
      consumer: (deps) => ({ name: BIZ_CONSUMER, db: deps.db, handlers: bizEventHandlers(deps) }),
    },
    config,
    options,
  );
