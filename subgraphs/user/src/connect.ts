import { ensureEventStreams, startOutboxRelay } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import { connectInfrastructure } from "@health/platform/server";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { UserConfig } from "./config.ts";
import type { UserDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface ConnectUserOptions {
  /** Prepended to every Redis key (tests use a random one). */
  redisKeyPrefix?: string;
  /** Prepended to JetStream stream names and subjects (tests use a random one). */
  eventPrefix?: string;
  /** Run the outbox relay that publishes this subgraph's events. Default true. */
  outboxRelay?: boolean;
  logger?: Logger;
  /** Where the event metrics are registered (the process's `/metrics`). */
  metrics?: Registry;
}

/**
 * Opens the user subgraph's connections (its database, Redis, NATS) and starts the outbox relay that
 * sends the events its transactions write. `close` stops the relay first, so nothing is mid-publish
 * when the connections go.
 */
export async function connectUser(
  config: UserConfig,
  options: ConnectUserOptions = {},
): Promise<{ deps: UserDeps; close(): Promise<void> }> {
  const { close: closeInfrastructure, ...deps } = await connectInfrastructure("user", PrismaClient, config, {
    redisKeyPrefix: options.redisKeyPrefix,
  });
  if (options.outboxRelay === false) return { deps, close: closeInfrastructure };

  const bus = options.eventPrefix ? { prefix: options.eventPrefix } : {};
  try {
    await ensureEventStreams(deps.nats, bus);
  } catch (error) {
    await closeInfrastructure();
    throw error;
  }
  const relay = startOutboxRelay({
    db: deps.db,
    nats: deps.nats,
    wakeOnWrites: config.OUTBOX_RELAY_MODE === "wake",
    logger: options.logger ?? createLogger("user"),
    metrics: options.metrics,
    ...bus,
  });
  return {
    deps,
    close: async () => {
      await relay.stop();
      await closeInfrastructure();
    },
  };
}
