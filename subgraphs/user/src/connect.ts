import { ExportStore, privacyConsumer } from "@health/platform/privacy";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { UserConfig } from "./config.ts";
import type { UserDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { userPrivacy } from "./privacy/index.ts";

/**
 * Opens the user subgraph's connections, starts the relay that publishes its outbox and its one durable
 * consumer, `user-privacy` (auth's export and erasure requests, issue 13).
 */
export const connectUser = (config: UserConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "user",
      deps: async ({ db, redis, nats, bus }): Promise<UserDeps> => ({
        db,
        redis,
        nats,
        exports: await ExportStore.open(nats, bus),
      }),
      publishesEvents: true,
      consumer: (deps) => privacyConsumer(userPrivacy(), { db: deps.db, exports: deps.exports }),
    },
    config,
    options,
  );
