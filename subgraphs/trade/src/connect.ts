import { startIdempotencySweeper } from "@health/platform/idempotency";
import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { TradeConfig } from "./config.ts";
import type { TradeDeps } from "./deps.ts";
import { createGrabBatches } from "./domain/grab/batches.ts";
import { orderPaymentSaga } from "./domain/orders/paymentSaga.ts";
import { TRADE_CONSUMER, tradeEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { startExpirySweeper } from "./jobs/expirySweeper.ts";
import { tradePrivacy } from "./privacy/index.ts";

export interface ConnectTradeOptions extends ConnectSubgraphOptions {
  /** Run the sweeper that expires overdue OPEN orders and completes unconfirmed ones. Default true. */
  expirySweeper?: boolean;
}

/**
 * Opens the trade subgraph's connections, starts the relay that publishes its outbox (the
 * missed-notification replay reads the same streams), its durable consumers (`trade`: finance's answers
 * to the order-payment saga, and ops's coach levels; `trade-privacy`: auth's data-subject requests) and
 * the order sweeper.
 */
export const connectTrade = (config: TradeConfig, options: ConnectTradeOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "trade",
      deps: async ({ db, redis, nats, bus }): Promise<TradeDeps> => {
        const pubSub = new NatsPubSub(nats, bus);
        return {
          db,
          redis,
          nats,
          pubSub,
          bus,
          exports: await ExportStore.open(nats, bus),
          grabNotificationRetentionMs: config.GRAB_NOTIFICATION_RETENTION_SECONDS * 1000,
          orderConfirmationWindowMs: config.ORDER_CONFIRMATION_WINDOW_SECONDS * 1000,
          grabs: createGrabBatches(db),
          orderPayment: orderPaymentSaga({
            pubSub,
            authorizationTimeoutMs: config.ORDER_PAYMENT_TIMEOUT_SECONDS * 1000,
          }),
        };
      },
      publishesEvents: true,
      consumer: (deps) => [
        { name: TRADE_CONSUMER, db: deps.db, handlers: skippingErased(tradeEventHandlers(deps)) },
        privacyConsumer(tradePrivacy(deps), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        // createServiceOrder's idempotency keys (24 h), deleted hourly.
        const keySweeper = startIdempotencySweeper({ db: deps.db, logger });
        defer(() => keySweeper.stop());
        if (options.expirySweeper === false) return;
        const sweeper = startExpirySweeper(deps, {
          intervalMs: config.ORDER_EXPIRY_SWEEP_SECONDS * 1000,
          logger,
        });
        defer(() => sweeper.stop());
      },
    },
    config,
    options,
  );
