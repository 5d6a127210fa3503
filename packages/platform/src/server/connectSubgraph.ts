import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { SubgraphConfig } from "../config/serviceConfig.ts";
import { startEventConsumer } from "../events/eventConsumer.ts";
import type { HandlerRegistration } from "../events/handlers.ts";
import { startOutboxRelay } from "../events/outboxRelay.ts";
import type { TransactionalDb } from "../events/sql.ts";
import { ensureEventStreams } from "../events/streams.ts";
import type { EventBusOptions } from "../events/subjects.ts";
import { createLogger } from "../logging/logger.ts";
import type { PrismaClientClass } from "../prisma/createPrismaClient.ts";
import { CleanupStack, type CleanupStep } from "./cleanupStack.ts";
import { connectInfrastructure, type Infrastructure } from "./infrastructure.ts";

/** What a test or a process may change about how a subgraph connects. */
export interface ConnectSubgraphOptions {
  /** Prepended to every Redis key (tests use a random one). */
  redisKeyPrefix?: string;
  /** One subject token prepended to JetStream streams, event subjects and subscription subjects. */
  eventPrefix?: string;
  /** Run the outbox relay of a subgraph that publishes events. Default true. */
  outboxRelay?: boolean;
  /** Run the durable consumer of a subgraph that consumes events. Default true. */
  consumer?: boolean;
  /** The process's logger (default: a new one named after the subgraph). */
  logger?: Logger;
  /** Where the event metrics are registered (the process's `/metrics`). */
  metrics?: Registry;
}

/** A subgraph's open connections, with what its own parts need to start and to stop. */
export interface SubgraphConnections<TDb> extends Infrastructure<TDb> {
  /** Where this subgraph's events travel (a test's prefix, or none). */
  bus: EventBusOptions;
  logger: Logger;
  /** Runs `step` at close, before everything started earlier is stopped. */
  defer(step: CleanupStep): void;
}

/** A subgraph's durable consumer: its name, handlers, and the database they run their transactions on. */
export interface ConsumerSpec {
  name: string;
  db: TransactionalDb;
  handlers: HandlerRegistration[];
}

type SubgraphDb = TransactionalDb & { $disconnect(): Promise<void> };

/** Only what is a subgraph's own; connections, streams, relay and consumer are `connectSubgraph`'s. */
export interface SubgraphLifecycle<TConfig, TDb, TDeps, TOptions> {
  name: string;
  /** Its deps over the connections. */
  deps(connections: SubgraphConnections<NoInfer<TDb>>, config: TConfig): TDeps | Promise<TDeps>;
  /** It writes events to its outbox, so the relay publishes them. */
  publishesEvents?: boolean;
  /**
   * It consumes events: one durable consumer, or several with names of their own when its capabilities
   * should fall behind, dead-letter and be replayed independently of each other (ops: levels,
   * notifications, risk, audit, analytics).
   */
  consumer?(deps: TDeps, connections: SubgraphConnections<TDb>): ConsumerSpec | ConsumerSpec[];
  /** Background work of its own (a sweeper), started last; it `defer`s its stop. */
  start?(deps: TDeps, connections: SubgraphConnections<TDb>, config: TConfig, options: TOptions): void;
}

/**
 * Opens a subgraph's database (through its generated `Client`), Redis and NATS, builds its deps, makes sure the event streams exist,
 * and starts its outbox relay, its consumer and its own background work. `close` stops all of it in
 * reverse order; a start that fails halfway closes what it had opened.
 */
export async function connectSubgraph<
  TConfig extends SubgraphConfig,
  TDb extends SubgraphDb,
  TDeps,
  TOptions extends ConnectSubgraphOptions,
>(
  Client: PrismaClientClass<TDb>,
  lifecycle: SubgraphLifecycle<TConfig, TDb, TDeps, TOptions>,
  config: TConfig,
  options: TOptions,
): Promise<{ deps: TDeps; close(): Promise<void> }> {
  const cleanup = new CleanupStack();
  try {
    const { close, ...infrastructure } = await connectInfrastructure(lifecycle.name, Client, config, {
      redisKeyPrefix: options.redisKeyPrefix,
      metrics: options.metrics,
    });
    cleanup.defer(close);
    const bus = {
      ...(options.eventPrefix ? { prefix: options.eventPrefix } : {}),
      ...(config.NATS_STREAM_REPLICAS > 1 ? { replicas: config.NATS_STREAM_REPLICAS } : {}),
    };
    const logger = options.logger ?? createLogger(lifecycle.name);
    const connections = { ...infrastructure, bus, logger, defer: (step: CleanupStep) => cleanup.defer(step) };
    const deps = await lifecycle.deps(connections, config);
    const { db, nats } = infrastructure;
    const events = { nats, logger, metrics: options.metrics, ...bus };

    if (lifecycle.publishesEvents || lifecycle.consumer) await ensureEventStreams(nats, bus);
    if (lifecycle.publishesEvents && options.outboxRelay !== false) {
      const relay = startOutboxRelay({ ...events, db, wakeOnWrites: config.OUTBOX_RELAY_MODE === "wake" });
      cleanup.defer(() => relay.stop());
    }
    if (lifecycle.consumer && options.consumer !== false) {
      for (const { name, ...spec } of [lifecycle.consumer(deps, connections)].flat()) {
        const consumer = await startEventConsumer({ ...events, ...spec, consumer: name });
        cleanup.defer(() => consumer.stop());
      }
    }
    lifecycle.start?.(deps, connections, config, options);
    return { deps, close: () => cleanup.close() };
  } catch (error) {
    await cleanup.close().catch(() => undefined);
    throw error;
  }
}
