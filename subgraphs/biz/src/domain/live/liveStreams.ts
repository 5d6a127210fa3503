import { conflict, forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { BizDb, BizTx } from "../../db.ts";
import { publishLiveEnded, publishLiveStarted } from "../../events/bizEvents.ts";
import { type LiveStream as LiveStreamRow, LiveStreamStatus } from "../../generated/prisma/client.ts";
import { checkedSchedule, type ScheduleLiveStreamInput } from "./rules.ts";
import { transition } from "./stateMachine.ts";

// A coach's live stream: scheduled, started (announcing live_started through the outbox) and ended
// (announcing live_ended) by its host. Each move is decided by the state machine and applied by a conditional UPDATE, so two
// racing moves cannot both apply.

export type { LiveStreamRow };

/** Schedules a stream hosted by `hostId` (the resolver lets coaches only). */
export async function scheduleLiveStream(
  db: BizDb,
  hostId: string,
  input: ScheduleLiveStreamInput,
  now = new Date(),
): Promise<LiveStreamRow> {
  const stream = checkedSchedule(input, now);
  return db.liveStream.create({ data: { hostId, ...stream, createdAt: now } });
}

/** The stream `id`, or NOT_FOUND (streams are visible to every signed-in user). */
export async function liveStreamById(db: BizDb | BizTx, id: string, field = "id"): Promise<LiveStreamRow> {
  const streamId = uuidArg(id, field, "a live stream id");
  const row = await db.liveStream.findUnique({ where: { id: streamId } });
  if (!row) throw notFound("Live stream", streamId);
  return row;
}

type Move = typeof LiveStreamStatus.LIVE | typeof LiveStreamStatus.ENDED;

/** Moves the host's own stream to `next`: FORBIDDEN for anyone else, CONFLICT naming the current state. */
async function moveLiveStream(
  tx: BizTx,
  hostId: string,
  id: string,
  next: Move,
  now: Date,
): Promise<LiveStreamRow> {
  const stream = await liveStreamById(tx, id);
  if (stream.hostId !== hostId)
    throw forbidden(`Only the host of live stream ${stream.id} can start or end it.`);
  transition(stream.id, stream.status, next);
  const { count } = await tx.liveStream.updateMany({
    where: { id: stream.id, status: stream.status },
    data: next === LiveStreamStatus.LIVE ? { status: next, startedAt: now } : { status: next, endedAt: now },
  });
  const after = await tx.liveStream.findUniqueOrThrow({ where: { id: stream.id } });
  if (count === 0) {
    throw conflict(`Live stream ${stream.id} changed meanwhile: it is now ${after.status}.`, {
      currentState: after.status,
    });
  }
  return after;
}

/** The host goes live: SCHEDULED → LIVE, and live_started in the same transaction. */
export function startLiveStream(
  db: BizDb,
  hostId: string,
  id: string,
  now = new Date(),
): Promise<LiveStreamRow> {
  return db.$transaction(async (tx) => {
    const stream = await moveLiveStream(tx, hostId, id, LiveStreamStatus.LIVE, now);
    await publishLiveStarted(tx, stream, now);
    return stream;
  });
}

/** The host ends the stream: LIVE → ENDED, and live_ended (the media server stops it) in the same transaction. */
export function endLiveStream(
  db: BizDb,
  hostId: string,
  id: string,
  now = new Date(),
): Promise<LiveStreamRow> {
  return db.$transaction(async (tx) => {
    const stream = await moveLiveStream(tx, hostId, id, LiveStreamStatus.ENDED, now);
    await publishLiveEnded(tx, stream, now);
    return stream;
  });
}
