import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { OpsConfig } from "./config.ts";
import type { OpsDeps } from "./deps.ts";
import { ANALYTICS_CONSUMER, analyticsEventHandlers } from "./events/analytics.handlers.ts";
import { AUDIT_CONSUMER, auditEventHandlers } from "./events/audit.handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the ops subgraph's connections, starts the relay that publishes its outbox and its durable
 * consumers: `ops-audit` (every catalogued event into the audit log) and `ops-analytics` (daily figures).
 */
export const connectOps = (config: OpsConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ops",
      deps: ({ db, redis, nats }): OpsDeps => ({ db, redis, nats }),
      publishesEvents: true,
      consumer: (deps) => [
        { name: AUDIT_CONSUMER, db: deps.db, handlers: auditEventHandlers() },
        { name: ANALYTICS_CONSUMER, db: deps.db, handlers: analyticsEventHandlers() },
      ],
    },
    config,
    options,
  );
