import { startIdempotencySweeper } from "@health/platform/idempotency";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { EcConfig } from "./config.ts";
import type { EcDeps } from "./deps.ts";
import { shopOrderPaymentSaga } from "./domain/shopOrders/paymentSaga.ts";
import { EC_CONSUMER, ecEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { startReservationSweeper } from "./jobs/reservationSweeper.ts";
import { ecPrivacy } from "./privacy/index.ts";

export interface ConnectEcOptions extends ConnectSubgraphOptions {
  /** Run the sweeper that expires unpaid shop order reservations. Default true. */
  reservationSweeper?: boolean;
}

/**
 * Opens the ec subgraph's connections, starts the relay that publishes its outbox, its durable consumers
 * (`ec`: finance's answers to the shop-order payment saga; `ec-privacy`: auth's export and erasure
 * requests) and the reservation sweeper.
 */
export const connectEc = (config: EcConfig, options: ConnectEcOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ec",
      deps: async ({ db, redis, nats, bus }): Promise<EcDeps> => ({
        db,
        redis,
        nats,
        exports: await ExportStore.open(nats, bus),
        reservationWindowMs: config.SHOP_RESERVATION_WINDOW_SECONDS * 1000,
        adImpressionWindowMs: config.AD_IMPRESSION_WINDOW_SECONDS * 1000,
        // The payment has as long as the reservation holds the stock.
        shopOrderPayment: shopOrderPaymentSaga({
          paymentTimeoutMs: config.SHOP_RESERVATION_WINDOW_SECONDS * 1000,
        }),
      }),
      publishesEvents: true,
      consumer: (deps) => [
        { name: EC_CONSUMER, db: deps.db, handlers: skippingErased(ecEventHandlers(deps)) },
        privacyConsumer(ecPrivacy(deps), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        // Ad clicks' idempotency keys (24 h), deleted hourly.
        const keySweeper = startIdempotencySweeper({ db: deps.db, logger });
        defer(() => keySweeper.stop());
        if (options.reservationSweeper === false) return;
        const sweeper = startReservationSweeper(deps, {
          intervalMs: config.SHOP_RESERVATION_SWEEP_SECONDS * 1000,
          logger,
        });
        defer(() => sweeper.stop());
      },
    },
    config,
    options,
  );
