import { startPeriodicJob } from "@health/platform/jobs";
import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { OpsConfig } from "./config.ts";
import type { OpsDeps } from "./deps.ts";
import { notificationChannels } from "./domain/channels/channels.ts";
import { createSendWorker } from "./domain/notifications/sends.ts";
import { riskSettingsOf } from "./domain/risk/settings.ts";
import { ANALYTICS_CONSUMER, analyticsEventHandlers } from "./events/analytics.handlers.ts";
import { AUDIT_CONSUMER, auditEventHandlers } from "./events/audit.handlers.ts";
import { LEVELS_CONSUMER, levelsEventHandlers } from "./events/levels/handlers.ts";
import { NOTIFICATIONS_CONSUMER, notificationHandlers } from "./events/notifications.handlers.ts";
import { RISK_CONSUMER, riskEventHandlers } from "./events/riskHandlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { opsPrivacy } from "./privacy/index.ts";

/**
 * Opens the ops subgraph's connections, starts the relay that publishes its outbox and its durable
 * consumers, one per capability: `ops-levels` (M05: trade's order events for ratings and levels),
 * `ops-notifications` (M17: the rules on events, the follower projection), `ops-audit` (every catalogued
 * event into the audit log) and `ops-analytics` (daily figures), `ops-risk` (the risk rules), `ops-privacy`
 * (a person's export and erasure, issue 13); each falls behind and replays on its own.
 */
export const connectOps = (config: OpsConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ops",
      deps: async ({ db, redis, nats, bus, logger, defer }): Promise<OpsDeps> => {
        const pubSub = new NatsPubSub(nats, bus);
        const channels = notificationChannels(pubSub);
        const sends = createSendWorker(
          { db, channels, batchSize: config.NOTIFICATION_FANOUT_BATCH_SIZE },
          (err) => logger.warn({ err }, "notification fan-out failed; retrying in a second"),
        );
        defer(() => sends.stop());
        return {
          db,
          redis,
          nats,
          levelThresholds: config.OPS_LEVEL_THRESHOLDS,
          pubSub,
          notificationChannels: channels,
          notificationSends: sends,
          risk: riskSettingsOf(config),
          exports: await ExportStore.open(nats, bus),
        };
      },
      publishesEvents: true,
      consumer: (deps) => [
        { name: LEVELS_CONSUMER, db: deps.db, handlers: skippingErased(levelsEventHandlers(deps)) },
        {
          name: NOTIFICATIONS_CONSUMER,
          db: deps.db,
          handlers: skippingErased(
            notificationHandlers({
              channels: deps.notificationChannels,
              batchSize: config.NOTIFICATION_FANOUT_BATCH_SIZE,
              kickSends: () => deps.notificationSends.kick(),
            }),
          ),
        },
        { name: AUDIT_CONSUMER, db: deps.db, handlers: auditEventHandlers() },
        { name: ANALYTICS_CONSUMER, db: deps.db, handlers: skippingErased(analyticsEventHandlers()) },
        { name: RISK_CONSUMER, db: deps.db, handlers: skippingErased(riskEventHandlers(deps.risk)) },
        privacyConsumer(opsPrivacy(), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        // Sends an instance left unfinished (it stopped mid-way): taken over once their lease lapsed.
        deps.notificationSends.kick();
        const sweep = startPeriodicJob(async () => deps.notificationSends.kick(), {
          name: "notification-sends",
          intervalMs: config.NOTIFICATION_SEND_SWEEP_SECONDS * 1000,
          logger,
        });
        defer(() => sweep.stop());
      },
    },
    config,
    options,
  );
