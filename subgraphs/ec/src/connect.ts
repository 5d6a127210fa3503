import { startIdempotencySweeper } from "@health/platform/idempotency";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { EcConfig } from "./config.ts";
import type { EcDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { startReservationSweeper } from "./jobs/reservationSweeper.ts";

export interface ConnectEcOptions extends ConnectSubgraphOptions {
  /** Run the sweeper that expires unpaid shop order reservations. Default true. */
  reservationSweeper?: boolean;
}

/** Opens the ec subgraph's connections, starts the relay that publishes its outbox and the reservation sweeper. */
export const connectEc = (config: EcConfig, options: ConnectEcOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ec",
      deps: ({ db, redis, nats }): EcDeps => ({
        db,
        redis,
        nats,
        reservationWindowMs: config.SHOP_RESERVATION_WINDOW_SECONDS * 1000,
        adImpressionWindowMs: config.AD_IMPRESSION_WINDOW_SECONDS * 1000,
      }),
      publishesEvents: true,
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
