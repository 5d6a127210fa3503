import {
  bizActivityV1,
  communityCreatedV1,
  communityMembershipCancelledV1,
  communityPaymentRequestedV1,
  liveEndedV1,
  liveStartedV1,
} from "@health/events/catalog";
import type { EventEnvelope } from "@health/events/envelope";
import { publishEvent } from "@health/platform/events";
import type { BizTx } from "../db.ts";

// What this subgraph tells the platform, one function per event, each written to the outbox inside
// the caller's transaction (../shared/design/ARCHITECTURE.md rule 3).

/** Writes biz_activity about `businessId` (the account whose workbench it is), in that transaction. */
export function publishBizActivity(
  tx: BizTx,
  activity: { businessId: string; kind: string; summary: string },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    bizActivityV1,
    { ...activity, occurredAt: now.toISOString() },
    { aggregateId: activity.businessId, actorId: activity.businessId, occurredAt: now },
  );
}

/** Writes community_created for a group just created, in that transaction. */
export async function publishCommunityCreated(
  tx: BizTx,
  community: { id: string; ownerId: string; name: string },
  now: Date,
): Promise<void> {
  await publishEvent(
    tx,
    communityCreatedV1,
    { groupId: community.id, ownerId: community.ownerId, name: community.name, createdAt: now.toISOString() },
    { aggregateId: community.id, actorId: community.ownerId, occurredAt: now },
  );
}

/**
 * Writes community_payment_requested for a paid membership just asked for, in that transaction: the
 * membership saga's command to finance (domain/communities/paymentSaga.ts).
 */
export async function publishCommunityPaymentRequested(
  tx: BizTx,
  membership: {
    membershipId: string;
    communityId: string;
    memberId: string;
    amount: number;
    currency: string;
  },
  now: Date,
): Promise<void> {
  const { membershipId, ...rest } = membership;
  await publishEvent(
    tx,
    communityPaymentRequestedV1,
    { requestId: membershipId, ...rest, requestedAt: now.toISOString() },
    { aggregateId: membershipId, actorId: membership.memberId, occurredAt: now },
  );
}

/**
 * Writes community_membership_cancelled for a paid membership that just ended unpaid, in that
 * transaction: finance voids or refunds what it took for it.
 */
export async function publishCommunityMembershipCancelled(
  tx: BizTx,
  membership: { membershipId: string; communityId: string; memberId: string },
  reason: string,
  now: Date,
): Promise<void> {
  const { membershipId, communityId, memberId } = membership;
  await publishEvent(
    tx,
    communityMembershipCancelledV1,
    { membershipId, communityId, memberId, reason, cancelledAt: now.toISOString() },
    { aggregateId: membershipId, actorId: null, occurredAt: now },
  );
}

/** Writes live_started for a stream that just went LIVE, in that transaction. */
export function publishLiveStarted(
  tx: BizTx,
  stream: { id: string; hostId: string; title: string },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    liveStartedV1,
    { streamId: stream.id, hostId: stream.hostId, title: stream.title, startedAt: now.toISOString() },
    { aggregateId: stream.id, actorId: stream.hostId, occurredAt: now },
  );
}

/** Writes live_ended for a stream that just ENDED, in that transaction (the media server stops it). */
export function publishLiveEnded(
  tx: BizTx,
  stream: { id: string; hostId: string },
  now: Date,
): Promise<EventEnvelope> {
  return publishEvent(
    tx,
    liveEndedV1,
    { streamId: stream.id, hostId: stream.hostId, endedAt: now.toISOString() },
    { aggregateId: stream.id, actorId: stream.hostId, occurredAt: now },
  );
}
