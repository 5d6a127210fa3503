import { NatsPubSub } from "@health/platform/nats";
import { ExportStore } from "@health/platform/privacy";
import { RateLimiter, redisDownWarning } from "@health/platform/redis";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDeps } from "./deps.ts";
import { SigningKeyStore } from "./domain/signingKeys.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { exportAssemblyHandlers } from "./privacy/export/assembly.ts";
import { startExportRetention } from "./privacy/export/retention.ts";

/** Opens the auth subgraph's connections, starts the relay that publishes its outbox and makes sure a signing key exists. */
export const connectAuth = (config: AuthConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "auth",
      deps: async ({ db, redis, nats, bus, logger }): Promise<AuthDeps> => {
        const keys = new SigningKeyStore(db);
        await keys.ensureActive();
        return {
          db,
          redis,
          nats,
          keys,
          config,
          exports: await ExportStore.open(nats, bus),
          pubSub: new NatsPubSub(nats, bus),
          exportLimiter: new RateLimiter(redis, { onRedisDown: redisDownWarning(logger) }),
        };
      },
      // account_created and login_failed (ops's risk rules), through auth's outbox.
      publishesEvents: true,
      // ---- auth-privacy consumer (issue 13) -------------------------------------------------------------
      // Export half: every subgraph's data_export_part_ready, assembled into the archive. The erasure half
      // adds privacyConsumer(authPrivacy(deps), ...)'s handlers and its acknowledgement handlers here.
      consumer: (deps, { logger }) => ({
        name: "auth-privacy",
        db: deps.db,
        handlers: [...exportAssemblyHandlers({ ...deps, logger })],
      }),
      // ---- end auth-privacy consumer --------------------------------------------------------------------
      // Data exports past their retention: EXPIRED and their archive deleted.
      start: (deps, { logger, defer }) => {
        const retention = startExportRetention(deps, logger);
        defer(() => retention.stop());
      },
    },
    config,
    options,
  );
