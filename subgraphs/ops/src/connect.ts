import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { OpsConfig } from "./config.ts";
import type { OpsDeps } from "./deps.ts";
import { LEVELS_CONSUMER, levelsEventHandlers } from "./events/levels/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the ops subgraph's connections, starts the relay that publishes its outbox and its durable
 * consumers, one per capability (`ops-levels`: trade's order events for M05's ratings and levels).
 */
export const connectOps = (config: OpsConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ops",
      deps: ({ db, redis, nats }): OpsDeps => ({
        db,
        redis,
        nats,
        levelThresholds: config.OPS_LEVEL_THRESHOLDS,
      }),
      publishesEvents: true,
      consumer: (deps) => [{ name: LEVELS_CONSUMER, db: deps.db, handlers: levelsEventHandlers(deps) }],
    },
    config,
    options,
  );
