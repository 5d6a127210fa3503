import { ExportStore, privacyConsumer } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDeps } from "./deps.ts";
import { SigningKeyStore } from "./domain/signingKeys.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { erasureAckHandlers } from "./privacy/erasureAcks.ts";
import { startErasureSweeper } from "./privacy/erasureSweeper.ts";
import { authPrivacy } from "./privacy/index.ts";

/** Opens the auth subgraph's connections, starts the relay that publishes its outbox and makes sure a signing key exists. */
export const connectAuth = (config: AuthConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "auth",
      deps: async ({ db, redis, nats, bus }): Promise<AuthDeps> => {
        const keys = new SigningKeyStore(db);
        await keys.ensureActive();
        return { db, redis, nats, keys, config, exports: await ExportStore.open(nats, bus) };
      },
      // account_created and login_failed (ops's risk rules), account_erasure_started (every data holder),
      // and auth's own answers to data-subject requests, through auth's outbox.
      publishesEvents: true,
      // auth-privacy: auth's own part of exports and erasures, and every data holder's answers to them.
      consumer: (deps) => {
        const privacy = privacyConsumer(authPrivacy(deps), { db: deps.db, exports: deps.exports });
        return {
          ...privacy,
          handlers: [
            ...privacy.handlers,
            ...erasureAckHandlers(),
            // LEAD: the export helper's handlers go here (`...exportAssemblyHandlers(deps)`, branch p-auth-export).
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
      },
    },
    config,
    options,
  );
