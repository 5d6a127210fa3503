import { startPeriodicJob } from "@health/platform/jobs";
import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AiConfig } from "./config.ts";
import type { AiDeps } from "./deps.ts";
import { providerFor } from "./domain/generation/providerFor.ts";
import { requeueStaleTasks } from "./domain/generation/staleTasks.ts";
import { startGenerationWorker } from "./domain/generation/worker.ts";
import { ensureTaskQueue } from "./domain/generation/workQueue.ts";
import { CONTENT_CONSUMER, contentEventHandlers } from "./events/contentHandlers.ts";
import { MATCHING_CONSUMER, matchingEventHandlers } from "./events/matchingHandlers.ts";
import { RISK_CONSUMER, riskEventHandlers } from "./events/riskHandlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { aiPrivacy } from "./privacy/index.ts";

export interface ConnectAiOptions extends ConnectSubgraphOptions {
  /** Run the generation worker (the `ai-generation` pull consumer) and the stale-task sweeper. Default true. */
  generationWorker?: boolean;
}

/** Deliveries of one job: every attempt, plus room for redeliveries of a task held elsewhere. */
const maxDeliverOf = (config: AiConfig) => config.AI_MAX_ATTEMPTS * 2 + 3;
/** A worker's hold on a RUNNING task between two writes: the provider's longest allowed silence, and margin. */
const leaseMsOf = (config: AiConfig) =>
  Math.max(config.AI_PROVIDER_CONNECT_TIMEOUT_MS, config.AI_PROVIDER_IDLE_TIMEOUT_MS) + 10_000;

/**
 * Opens the ai subgraph's connections, makes sure its work queue exists, and starts the relay that
 * publishes its outbox (events, and generation jobs to the work queue), its durable consumers (`ai-matching`,
 * `ai-risk`, `ai-content`, and `ai-privacy` for data-subject requests) and the generation worker.
 */
export const connectAi = (config: AiConfig, options: ConnectAiOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ai",
      deps: async ({ db, redis, nats, bus, logger }): Promise<AiDeps> => {
        // Best effort here (the relay's publishes wait for it); the worker makes sure of it on every start.
        await ensureTaskQueue(nats, bus, {
          ackWaitMs: leaseMsOf(config),
          maxDeliver: maxDeliverOf(config),
        }).catch((error) => logger.warn({ err: error }, "the generation work queue could not be set up yet"));
        return {
          db,
          redis,
          nats,
          bus,
          pubSub: new NatsPubSub(nats, bus),
          provider: providerFor(config, db),
          exports: await ExportStore.open(nats, bus),
        };
      },
      publishesEvents: true,
      consumer: (deps) => [
        { name: MATCHING_CONSUMER, db: deps.db, handlers: skippingErased(matchingEventHandlers()) },
        { name: RISK_CONSUMER, db: deps.db, handlers: skippingErased(riskEventHandlers()) },
        { name: CONTENT_CONSUMER, db: deps.db, handlers: skippingErased(contentEventHandlers()) },
        privacyConsumer(aiPrivacy(deps), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        if (options.generationWorker === false) return;
        const worker = startGenerationWorker({
          ...deps,
          logger,
          maxAttempts: config.AI_MAX_ATTEMPTS,
          retryBaseMs: config.AI_RETRY_BASE_MS,
          leaseMs: leaseMsOf(config),
          maxDeliver: maxDeliverOf(config),
          concurrency: config.AI_WORKER_CONCURRENCY,
        });
        defer(() => worker.stop());
        // Once a minute: tasks whose job was lost are queued again (domain/generation/staleTasks.ts).
        const sweeper = startPeriodicJob(() => requeueStaleTasks(deps.db), {
          name: "stale generation task sweeper",
          intervalMs: 60_000,
          logger,
        });
        defer(() => sweeper.stop());
      },
    },
    config,
    options,
  );
