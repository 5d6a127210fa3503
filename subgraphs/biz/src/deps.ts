import type { NatsPubSub } from "@health/platform/nats";
import type { ExportStore } from "@health/platform/privacy";
import type { RateLimiter } from "@health/platform/redis";
import type { SagaDefinition } from "@health/platform/saga";
import type { Infrastructure } from "@health/platform/server";
import type { BizDb } from "./db.ts";
import type { ChatViewers } from "./domain/chat/viewers.ts";
import type { CommunityMembershipData } from "./domain/communities/paymentSaga.ts";
import type { LiveProvider } from "./domain/live/provider.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay and the consumer, started in
 * `connect.ts`); the domain writes through `db` and publishes its events by writing outbox rows through
 * it. `live` signs live streams' push and play URLs (Tencent's scheme; the local media server by
 * default). The chat adds its live side: `pubSub` (NATS core, between instances), the slow-mode limiter
 * and the viewers.
 */
export interface BizDeps extends Infrastructure<BizDb> {
  /** The saga that has finance take a paid group's price. */
  communityMembership: SagaDefinition<CommunityMembershipData>;
  live: LiveProvider;
  /** Carries `liveChat` between instances, published after commit. */
  pubSub: NatsPubSub;
  /** Slow mode: one message per user per room per N seconds (Redis; per process while Redis is down). */
  chatLimiter: RateLimiter;
  /** Seconds between two messages where the host set no slow mode. */
  chatSlowModeSeconds: number;
  /** Who is watching each room (Redis presence). */
  chatViewers: ChatViewers;
  /** Where the `biz-privacy` consumer writes its part of a person's export (issue 13). */
  exports: ExportStore;
}
