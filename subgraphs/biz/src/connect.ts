import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { BizConfig } from "./config.ts";
import type { BizDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the biz subgraph's connections and starts the relay that publishes its outbox. */
export const connectBiz = (config: BizConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "biz",
      deps: ({ db, redis, nats }): BizDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
