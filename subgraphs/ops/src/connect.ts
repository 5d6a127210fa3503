import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { OpsConfig } from "./config.ts";
import type { OpsDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the ops subgraph's connections and starts the relay that publishes its outbox. */
export const connectOps = (config: OpsConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ops",
      deps: ({ db, redis, nats }): OpsDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
