import { startIdempotencySweeper } from "@health/platform/idempotency";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import { type FinanceConfig, ratesOf, reconciliationSettingsOf } from "./config.ts";
import type { FinanceDeps } from "./deps.ts";
import { FINANCE_CONSUMER, financeEventHandlers } from "./events/handlers.ts";
import { MONEY_THAT_MOVED } from "./events/moneyThatMoved.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { startReconciliationJob } from "./jobs/reconciliationJob.ts";
import { paymentProviderOf } from "./paymentProvider.ts";
import { financePrivacy } from "./privacy/index.ts";

/**
 * Opens the finance subgraph's connections, starts the relay that publishes its outbox and its durable
 * event consumers (`finance`, which awards points and answers sagas; `finance-privacy`, auth's data-subject
 * requests); then the local payment provider's webhook sender and
 * the idempotency-key sweeper, and the daily reconciliation of yesterday (jobs/reconciliationJob.ts).
 */
export const connectFinance = (config: FinanceConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "finance",
      deps: async ({ db, redis, nats, bus, logger }): Promise<FinanceDeps> => {
        const { payments, localWebhooks } = paymentProviderOf(db, config, logger);
        const rates = ratesOf(config);
        const reconciliation = reconciliationSettingsOf(config);
        const exports = await ExportStore.open(nats, bus);
        return { db, redis, nats, payments, localWebhooks, rates, reconciliation, exports };
      },
      publishesEvents: true,
      consumer: (deps) => [
        {
          name: FINANCE_CONSUMER,
          db: deps.db,
          handlers: skippingErased(financeEventHandlers(deps), { tombstoned: MONEY_THAT_MOVED }),
        },
        privacyConsumer(financePrivacy(), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, connections) => {
        deps.localWebhooks.start();
        connections.defer(() => deps.localWebhooks.stop());
        const sweeper = startIdempotencySweeper({ db: deps.db, logger: connections.logger });
        connections.defer(() => sweeper.stop());
        const reconciliation = startReconciliationJob(deps, { logger: connections.logger });
        connections.defer(() => reconciliation.stop());
      },
    },
    config,
    options,
  );
