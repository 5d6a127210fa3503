import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { FinanceConfig } from "./config.ts";
import type { FinanceDeps } from "./deps.ts";
import { FINANCE_CONSUMER, financeEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the finance subgraph's connections, starts the relay that publishes its outbox and its durable
 * event consumer (`finance`), which awards points.
 */
export const connectFinance = (config: FinanceConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "finance",
      deps: ({ db, redis, nats }): FinanceDeps => ({ db, redis, nats }),
      publishesEvents: true,
      consumer: ({ db }) => ({ name: FINANCE_CONSUMER, db, handlers: financeEventHandlers() }),
    },
    config,
    options,
  );
