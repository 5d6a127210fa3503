import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { OpsConfig } from "./config.ts";
import type { OpsDeps } from "./deps.ts";
import { riskSettingsOf } from "./domain/risk/settings.ts";
import { RISK_CONSUMER, riskEventHandlers } from "./events/riskHandlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the ops subgraph's connections, starts the relay that publishes its outbox and one durable
 * consumer per capability (`ops-risk`: the risk rules), so each falls behind and replays on its own.
 */
export const connectOps = (config: OpsConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "ops",
      deps: ({ db, redis, nats }): OpsDeps => ({ db, redis, nats, risk: riskSettingsOf(config) }),
      publishesEvents: true,
      consumer: (deps) => [{ name: RISK_CONSUMER, db: deps.db, handlers: riskEventHandlers(deps.risk) }],
    },
    config,
    options,
  );
