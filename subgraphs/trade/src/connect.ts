import { ensureEventStreams, startOutboxRelay } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { NatsPubSub } from "@health/platform/nats";
import { connectInfrastructure } from "@health/platform/server";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { TradeConfig } from "./config.ts";
import type { TradeDeps } from "./deps.ts";
import { startExpirySweeper } from "./domain/expirySweeper.ts";
import { createGrabBatches } from "./domain/grabBatches.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface ConnectTradeOptions {
  /** Prepended to every Redis key (tests use a random one). */
  redisKeyPrefix?: string;
  /** One subject token prepended to JetStream streams, event subjects and subscription subjects. */
  eventPrefix?: string;
  /** Run the outbox relay that publishes this subgraph's events. Default true. */
  outboxRelay?: boolean;
  /** Run the sweeper that marks overdue OPEN orders EXPIRED. Default true. */
  expirySweeper?: boolean;
  logger?: Logger;
  /** Where the event metrics are registered (the process's `/metrics`). */
  metrics?: Registry;
}

/**
 * Opens the trade subgraph's connections (database, Redis, NATS), makes sure the event streams exist
 * (the missed-notification replay reads them), starts the outbox relay that sends the events its
 * transactions write and the grab-deadline sweeper. `close` stops those first, then the connections.
 */
export async function connectTrade(
  config: TradeConfig,
  options: ConnectTradeOptions = {},
): Promise<{ deps: TradeDeps; close(): Promise<void> }> {
  const { close: closeInfrastructure, ...infrastructure } = await connectInfrastructure(
    "trade",
    PrismaClient,
    config,
    { redisKeyPrefix: options.redisKeyPrefix },
  );
  const bus = options.eventPrefix ? { prefix: options.eventPrefix } : {};
  const deps: TradeDeps = {
    ...infrastructure,
    pubSub: new NatsPubSub(infrastructure.nats, bus),
    bus,
    grabNotificationRetentionMs: config.GRAB_NOTIFICATION_RETENTION_SECONDS * 1000,
    orderConfirmationWindowMs: config.ORDER_CONFIRMATION_WINDOW_SECONDS * 1000,
    grabs: createGrabBatches(infrastructure.db),
  };
  try {
    await ensureEventStreams(deps.nats, bus);
  } catch (error) {
    await closeInfrastructure();
    throw error;
  }
  const logger = options.logger ?? createLogger("trade");
  const relay =
    options.outboxRelay === false
      ? null
      : startOutboxRelay({
          db: deps.db,
          nats: deps.nats,
          wakeOnWrites: config.OUTBOX_RELAY_MODE === "wake",
          logger,
          metrics: options.metrics,
          ...bus,
        });
  const sweeper =
    options.expirySweeper === false
      ? null
      : startExpirySweeper(deps, { intervalMs: config.ORDER_EXPIRY_SWEEP_SECONDS * 1000, logger });
  return {
    deps,
    close: async () => {
      await sweeper?.stop();
      await relay?.stop();
      await closeInfrastructure();
    },
  };
}
