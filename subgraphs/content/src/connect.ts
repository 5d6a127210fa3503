import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { ContentConfig } from "./config.ts";
import type { ContentDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the content subgraph's connections and starts the relay that publishes its outbox. */
export const connectContent = (config: ContentConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "content",
      deps: ({ db, redis, nats }): ContentDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
