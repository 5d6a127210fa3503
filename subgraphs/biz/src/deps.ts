import type { NatsPubSub } from "@health/platform/nats";
import type { RateLimiter } from "@health/platform/redis";
import type { Infrastructure } from "@health/platform/server";
import type { BizDb } from "./db.ts";
import type { ChatViewers } from "./domain/chat/viewers.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay, started in `connect.ts`);
 * the domain writes through `db` and publishes its events by writing outbox rows through it. The chat
 * adds its live side: `pubSub` (NATS core, between instances), the slow-mode limiter and the viewers.
 */
export interface BizDeps extends Infrastructure<BizDb> {
  /** Carries `liveChat` between instances, published after commit. */
  pubSub: NatsPubSub;
  /** Slow mode: one message per user per room per N seconds (Redis; per process while Redis is down). */
  chatLimiter: RateLimiter;
  /** Seconds between two messages where the host set no slow mode. */
  chatSlowModeSeconds: number;
  /** Who is watching each room (Redis presence). */
  chatViewers: ChatViewers;
}
