import { startIdempotencySweeper } from "@health/platform/idempotency";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import { type FinanceConfig, ratesOf } from "./config.ts";
import type { FinanceDeps } from "./deps.ts";
import { createLocalPaymentProvider } from "./domain/payments/local/localProvider.ts";
import { createWebhookDispatcher } from "./domain/payments/local/webhookDispatcher.ts";
import { FINANCE_CONSUMER, financeEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { LOCAL_WEBHOOK_PATH } from "./routes/paymentWebhooks.ts";

/**
 * Opens the finance subgraph's connections, starts the relay that publishes its outbox and its durable
 * event consumer (`finance`), which awards points; then the local payment provider's webhook sender and
 * the idempotency-key sweeper.
 */
export const connectFinance = (config: FinanceConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "finance",
      deps: ({ db, redis, nats, logger }): FinanceDeps => {
        const localWebhooks = createWebhookDispatcher({
          db,
          secret: config.LOCAL_PAYMENTS_WEBHOOK_SECRET,
          url: config.LOCAL_PAYMENTS_WEBHOOK_URL ?? `http://127.0.0.1:${config.PORT}${LOCAL_WEBHOOK_PATH}`,
          logger,
        });
        const payments = createLocalPaymentProvider({
          db,
          secret: config.LOCAL_PAYMENTS_WEBHOOK_SECRET,
          webhookDelayMs: config.LOCAL_PAYMENTS_WEBHOOK_DELAY_MS,
          declineEnding: config.LOCAL_PAYMENTS_DECLINE_ENDING,
          dispatcher: localWebhooks,
        });
        return { db, redis, nats, payments, localWebhooks, rates: ratesOf(config) };
      },
      publishesEvents: true,
      consumer: (deps) => ({ name: FINANCE_CONSUMER, db: deps.db, handlers: financeEventHandlers(deps) }),
      start: (deps, connections) => {
        deps.localWebhooks.start();
        connections.defer(() => deps.localWebhooks.stop());
        const sweeper = startIdempotencySweeper({ db: deps.db, logger: connections.logger });
        connections.defer(() => sweeper.stop());
      },
    },
    config,
    options,
  );
