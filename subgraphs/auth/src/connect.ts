import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDeps } from "./deps.ts";
import { SigningKeyStore } from "./domain/signingKeys.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the auth subgraph's connections, starts the relay that publishes its outbox and makes sure a signing key exists. */
export const connectAuth = (config: AuthConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "auth",
      deps: async ({ db, redis, nats }): Promise<AuthDeps> => {
        const keys = new SigningKeyStore(db);
        await keys.ensureActive();
        return { db, redis, nats, keys, config };
      },
      // account_created and login_failed (ops's risk rules), through auth's outbox.
      publishesEvents: true,
    },
    config,
    options,
  );
