import { startIdempotencySweeper } from "@health/platform/idempotency";
import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { Presence, RateLimiter, redisDownWarning } from "@health/platform/redis";
import { startSagaTimeoutSweeper } from "@health/platform/saga";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import { type BizConfig, liveProviderOptionsOf } from "./config.ts";
import type { BizDeps } from "./deps.ts";
import { ChatViewers } from "./domain/chat/viewers.ts";
import { communityMembershipSaga } from "./domain/communities/paymentSaga.ts";
import { txSignedLiveProvider } from "./domain/live/txSignedLiveProvider.ts";
import { BIZ_CONSUMER, bizEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { bizPrivacy } from "./privacy/index.ts";

export interface ConnectBizOptions extends ConnectSubgraphOptions {
  /** Run the sweeper that fails memberships whose payment timed out. Default true (tests call it). */
  membershipSweeper?: boolean;
}

/**
 * Opens the biz subgraph's connections, starts the relay that publishes its outbox, its durable event
 * consumer (`biz`: the workbench's projections, gifts written into live chats, and finance's answers to
 * paid memberships), `biz-privacy` (a person's export and erasure, issue 13), the idempotency key sweeper and the sweeper that fails memberships whose payment
 * timed out.
 */
export const connectBiz = (config: BizConfig, options: ConnectBizOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "biz",
      deps: async ({ db, redis, nats, bus, logger, defer }): Promise<BizDeps> => {
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
          communityMembership: communityMembershipSaga({
            paymentTimeoutMs: config.COMMUNITY_PAYMENT_TIMEOUT_SECONDS * 1000,
          }),
          live: txSignedLiveProvider(liveProviderOptionsOf(config)),
          pubSub,
          chatLimiter: new RateLimiter(redis, { onRedisDown }),
          chatSlowModeSeconds: config.CHAT_SLOW_MODE_SECONDS,
          chatViewers,
          exports: await ExportStore.open(nats, bus),
        };
      },
      publishesEvents: true,
      consumer: (deps) => [
        { name: BIZ_CONSUMER, db: deps.db, handlers: skippingErased(bizEventHandlers(deps)) },
        privacyConsumer(bizPrivacy(), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        // joinCommunity's idempotency keys (24 h), deleted hourly.
        const keySweeper = startIdempotencySweeper({ db: deps.db, logger });
        defer(() => keySweeper.stop());
        if (options.membershipSweeper === false) return;
        const membershipSweeper = startSagaTimeoutSweeper(deps.communityMembership, deps.db, {
          intervalMs: config.COMMUNITY_PAYMENT_SWEEP_SECONDS * 1000,
          logger,
        });
        defer(() => membershipSweeper.stop());
      },
    },
    config,
    options,
  );
