import { userFollowedV1, userUnfollowedV1 } from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { publishEvent } from "@health/platform/events";
import type { DynamicTx } from "../db.ts";

// What this subgraph tells the platform, one function per event, each written to the outbox inside the
// follow's own transaction (../shared/design/ARCHITECTURE.md rule 3). Events are about the followee
// (aggregateId): their followers are what consumers (biz's workbench) count.

export interface FollowChange {
  followerId: string;
  followeeId: string;
  at: Date;
}

const metaOf = (change: FollowChange) => ({
  aggregateId: change.followeeId,
  actorId: change.followerId,
  occurredAt: change.at,
});

const payloadOf = (change: FollowChange) => ({
  followerId: change.followerId,
  followeeId: change.followeeId,
  at: change.at.toISOString(),
});

/** Writes user_followed for a follow that was not there before, in that transaction. */
export function publishUserFollowed(tx: DynamicTx, change: FollowChange): Promise<EventEnvelope> {
  return publishEvent(tx, userFollowedV1, payloadOf(change), metaOf(change));
}

/** Writes user_unfollowed for a follow that was removed, in that transaction. */
export function publishUserUnfollowed(tx: DynamicTx, change: FollowChange): Promise<EventEnvelope> {
  return publishEvent(tx, userUnfollowedV1, payloadOf(change), metaOf(change));
}
