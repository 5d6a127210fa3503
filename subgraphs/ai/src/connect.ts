import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AiConfig } from "./config.ts";
import type { AiDeps } from "./deps.ts";
import { MATCHING_CONSUMER, matchingEventHandlers } from "./events/matchingHandlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the ai subgraph's connections and starts the relay that publishes its outbox. */
export const connectAi = (config: AiConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ai",
      deps: ({ db, redis, nats }): AiDeps => ({ db, redis, nats }),
      publishesEvents: true,
      consumer: (deps) => [{ name: MATCHING_CONSUMER, db: deps.db, handlers: matchingEventHandlers() }],
    },
    config,
    options,
  );
