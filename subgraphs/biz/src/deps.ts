import type { SagaDefinition } from "@health/platform/saga";
import type { Infrastructure } from "@health/platform/server";
import type { BizDb } from "./db.ts";
import type { CommunityMembershipData } from "./domain/communities/paymentSaga.ts";
import type { LiveProvider } from "./domain/live/provider.ts";

/**
 * Redis and NATS are held for readiness (NATS also carries the outbox relay and the consumer, started in
 * `connect.ts`); the domain uses `db`, and publishes its events by writing outbox rows through it. `live`
 * signs live streams' push and play URLs (Tencent's scheme; the local media server by default).
 */
export interface BizDeps extends Infrastructure<BizDb> {
  /** The saga that has finance take a paid group's price. */
  communityMembership: SagaDefinition<CommunityMembershipData>;
  live: LiveProvider;
}
