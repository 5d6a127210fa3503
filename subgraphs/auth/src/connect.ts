import { NatsPubSub } from "@health/platform/nats";
import { ExportStore, privacyConsumer } from "@health/platform/privacy";
import { RateLimiter, redisDownWarning } from "@health/platform/redis";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDeps } from "./deps.ts";
import { SigningKeyStore } from "./domain/signingKeys.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { erasureAckHandlers } from "./privacy/erasureAcks.ts";
import { startErasureSweeper } from "./privacy/erasureSweeper.ts";
import { exportAssemblyHandlers } from "./privacy/export/assembly.ts";
import { startExportRetention } from "./privacy/export/retention.ts";
import { authPrivacy } from "./privacy/index.ts";

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
      // account_created and login_failed (ops's risk rules), account_erasure_started (every data holder),
      // and auth's own answers to data-subject requests, through auth's outbox.
      publishesEvents: true,
      // auth-privacy: auth's own part of exports and erasures, and every data holder's answers to them
      // (their export parts, assembled into the archive, and their erasure acknowledgements).
      consumer: (deps, { logger }) => {
        const privacy = privacyConsumer(authPrivacy(deps), { db: deps.db, exports: deps.exports });
        return {
          ...privacy,
          handlers: [
            ...privacy.handlers,
            ...erasureAckHandlers(),
            ...exportAssemblyHandlers({ ...deps, logger }),
          ],
        };
      },
      start: (deps, { logger, defer }) => {
        // Starts the erasures whose cooling-off period is over (race-safe across instances).
        const sweeper = startErasureSweeper(deps, {
          intervalSeconds: config.ACCOUNT_ERASURE_SWEEP_SECONDS,
          logger,
        });
        defer(() => sweeper.stop());
        // Data exports past their retention: EXPIRED and their archive deleted.
        const retention = startExportRetention(deps, logger);
        defer(() => retention.stop());
      },
    },
    config,
    options,
  );
