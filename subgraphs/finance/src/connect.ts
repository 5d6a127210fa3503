import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { FinanceConfig } from "./config.ts";
import type { FinanceDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the finance subgraph's connections and starts the relay that publishes its outbox. */
export const connectFinance = (config: FinanceConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "finance",
      deps: ({ db, redis, nats }): FinanceDeps => ({ db, redis, nats }),
      publishesEvents: true,
    },
    config,
    options,
  );
