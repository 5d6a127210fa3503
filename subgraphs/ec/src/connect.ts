import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { EcConfig } from "./config.ts";
import type { EcDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the ec subgraph's connections and starts the relay that publishes its outbox. */
export const connectEc = (config: EcConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ec",
      deps: ({ db, redis, nats }): EcDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
