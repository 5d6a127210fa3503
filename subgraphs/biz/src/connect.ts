import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import { type BizConfig, liveProviderOptionsOf } from "./config.ts";
import type { BizDeps } from "./deps.ts";
import { txSignedLiveProvider } from "./domain/live/txSignedLiveProvider.ts";
import { BIZ_CONSUMER, bizEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the biz subgraph's connections, starts the relay that publishes its outbox and its durable
 * event consumer (`biz`), which keeps the workbench's projections.
 */
export const connectBiz = (config: BizConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "biz",
      deps: ({ db, redis, nats }): BizDeps => ({
        db,
        redis,
        nats,
        live: txSignedLiveProvider(liveProviderOptionsOf(config)),
      }),
      publishesEvents: true,
      consumer: (deps) => ({ name: BIZ_CONSUMER, db: deps.db, handlers: bizEventHandlers() }),
    },
    config,
    options,
  );
