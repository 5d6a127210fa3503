import { startIdempotencySweeper } from "@health/platform/idempotency";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { ContentConfig } from "./config.ts";
import type { ContentDeps } from "./deps.ts";
import { coursePurchaseSaga } from "./domain/purchases/paymentSaga.ts";
import { CONTENT_CONSUMER, contentEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/**
 * Opens the content subgraph's connections, starts the relay that publishes its outbox, its durable
 * consumer (`content`: finance's answers to the course purchase saga) and the idempotency key sweeper.
 */
export const connectContent = (config: ContentConfig, options: ConnectSubgraphOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "content",
      deps: ({ db, redis, nats }): ContentDeps => ({ db, redis, nats, coursePurchase: coursePurchaseSaga() }),
      publishesEvents: true,
      consumer: (deps) => ({ name: CONTENT_CONSUMER, db: deps.db, handlers: contentEventHandlers(deps) }),
      start: (deps, { logger, defer }) => {
        // purchaseCourse's idempotency keys (24 h), deleted hourly.
        const keySweeper = startIdempotencySweeper({ db: deps.db, logger });
        defer(() => keySweeper.stop());
      },
    },
    config,
    options,
  );
