import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { UserConfig } from "./config.ts";
import type { UserDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the user subgraph's connections and starts the relay that publishes its outbox. */
export const connectUser = (config: UserConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "user",
      deps: ({ db, redis, nats }): UserDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
