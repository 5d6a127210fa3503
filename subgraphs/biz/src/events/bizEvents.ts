import { bizActivityV1, liveEndedV1, liveStartedV1 } from "@health/events/catalog";
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
