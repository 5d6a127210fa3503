import { startIdempotencySweeper } from "@health/platform/idempotency";
import { ExportStore, privacyConsumer, skippingErased } from "@health/platform/privacy";
import { startSagaTimeoutSweeper } from "@health/platform/saga";
import { type ConnectSubgraphOptions, connectSubgraph } from "@health/platform/server";
import type { ContentConfig } from "./config.ts";
import type { ContentDeps } from "./deps.ts";
import { coursePurchaseSaga } from "./domain/purchases/paymentSaga.ts";
import { questionBountySaga } from "./domain/questions/bountySaga.ts";
import { CONTENT_CONSUMER, contentEventHandlers } from "./events/handlers.ts";
import { PrismaClient } from "./generated/prisma/client.ts";
import { contentPrivacy } from "./privacy/index.ts";

/**
 * Opens the content subgraph's connections, starts the relay that publishes its outbox, its durable
 * consumers (`content`: finance's answers to the course purchase saga; `content-privacy`: auth's export
 * and erasure requests), the idempotency key sweeper, the sweeper that fails purchases whose payment
 * timed out, and the one that returns expired bounties.
 */
export interface ConnectContentOptions extends ConnectSubgraphOptions {
  /** Run the sweeper that fails purchases whose payment timed out. Default true (tests call it). */
  purchaseSweeper?: boolean;
  /** Run the sweeper that returns expired bounties and rejects unanswered holds. Default true. */
  bountySweeper?: boolean;
}

export const connectContent = (config: ContentConfig, options: ConnectContentOptions = {}) =>
  connectSubgraph(
    PrismaClient,
    {
      name: "content",
      deps: async ({ db, redis, nats, bus }): Promise<ContentDeps> => ({
        db,
        redis,
        nats,
        exports: await ExportStore.open(nats, bus),
        coursePurchase: coursePurchaseSaga({
          paymentTimeoutMs: config.COURSE_PAYMENT_TIMEOUT_SECONDS * 1000,
        }),
        postReportThreshold: config.POST_REPORT_HIDE_THRESHOLD,
        questionBounty: questionBountySaga({
          holdTimeoutMs: config.QUESTION_BOUNTY_HOLD_TIMEOUT_SECONDS * 1000,
          ttlMs: config.QUESTION_BOUNTY_TTL_SECONDS * 1000,
        }),
      }),
      publishesEvents: true,
      consumer: (deps) => [
        { name: CONTENT_CONSUMER, db: deps.db, handlers: skippingErased(contentEventHandlers(deps)) },
        privacyConsumer(contentPrivacy(deps), { db: deps.db, exports: deps.exports }),
      ],
      start: (deps, { logger, defer }) => {
        // purchaseCourse's idempotency keys (24 h), deleted hourly.
        const keySweeper = startIdempotencySweeper({ db: deps.db, logger });
        defer(() => keySweeper.stop());
        if (options.bountySweeper !== false) {
          const bountySweeper = startSagaTimeoutSweeper(deps.questionBounty, deps.db, {
            intervalMs: config.QUESTION_BOUNTY_SWEEP_SECONDS * 1000,
            logger,
          });
          defer(() => bountySweeper.stop());
        }
        if (options.purchaseSweeper === false) return;
        const purchaseSweeper = startSagaTimeoutSweeper(deps.coursePurchase, deps.db, {
          intervalMs: config.COURSE_PAYMENT_SWEEP_SECONDS * 1000,
          logger,
        });
        defer(() => purchaseSweeper.stop());
      },
    },
    config,
    options,
  );
