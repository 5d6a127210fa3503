import { AppError, badInput, ErrorCode } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import type { BizDb } from "../../db.ts";
import { liveStreamById } from "../live/liveStreams.ts";
import { type ChatEventMessage, deletedEvent, messageEvent } from "./chatEvents.ts";
import type { ChatMessageRow } from "./messages.ts";
import { standingOf } from "./rooms.ts";
import { assertNotBanned } from "./rules.ts";

/** `chatMessages(last)`: 1–100, 50 by default. */
export const CHAT_HISTORY = { defaultSize: 50, maxSize: 100 };
/** Events one resume replays at most; more missed and it is refused (REPLAY_TOO_FAR_BEHIND). */
export const CHAT_REPLAY_LIMIT = 100;

/** The room of `streamId` for a reader: NOT_FOUND without a stream, FORBIDDEN (BANNED) for the banned. */
export async function readableRoom(db: BizDb, readerId: string, streamIdArg: string) {
  const stream = await liveStreamById(db, streamIdArg, "streamId");
  assertNotBanned(stream.id, await standingOf(db, stream.id, readerId));
  return stream;
}

/** The latest `last` messages of the room still shown (not deleted), oldest first. */
export async function chatMessages(
  db: BizDb,
  readerId: string,
  streamIdArg: string,
  last: number,
): Promise<ChatMessageRow[]> {
  if (!Number.isInteger(last) || last < 1 || last > CHAT_HISTORY.maxSize) {
    throw badInput("last", `last must be a whole number from 1 to ${CHAT_HISTORY.maxSize}.`);
  }
  const stream = await readableRoom(db, readerId, streamIdArg);
  const rows = await db.chatMessage.findMany({
    where: { streamId: stream.id, deletedAt: null },
    orderBy: { seq: "desc" },
    take: last,
  });
  return rows.reverse();
}

/** Why a resume was refused (`extensions.reason`); the client reloads `chatMessages` and subscribes afresh. */
export type ChatReplayRefusal = "UNKNOWN_MESSAGE" | "REPLAY_TOO_FAR_BEHIND";

const replayRefused = (reason: ChatReplayRefusal, why: string) =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    `${why}: reload chatMessages(last), then subscribe to liveChat without after.`,
    { field: "after", details: { reason } },
  );

/** What a resume replays, and the number of the message it resumes after. */
export interface ChatReplay {
  afterSeq: bigint;
  events: ChatEventMessage[];
}

/**
 * What a viewer missed since the message `after`, in the room's order: the messages numbered after it
 * (except those already deleted again: the viewer never saw them) and the deletions since of messages
 * up to it (one the viewer already saw removed comes again; removing is idempotent). At most
 * CHAT_REPLAY_LIMIT events, else refused.
 */
export async function missedChatEvents(db: BizDb, streamId: string, afterArg: string): Promise<ChatReplay> {
  const afterId = uuidArg(afterArg, "after", "a chat message id");
  const anchor = await db.chatMessage.findUnique({
    where: { id: afterId },
    select: { streamId: true, seq: true },
  });
  if (!anchor || anchor.streamId !== streamId) {
    throw replayRefused("UNKNOWN_MESSAGE", "after is not the id of a message in this room");
  }
  const afterSeq = anchor.seq;
  const [created, deleted] = await Promise.all([
    db.chatMessage.findMany({
      where: { streamId, seq: { gt: afterSeq }, deletedAt: null },
      orderBy: { seq: "asc" },
      take: CHAT_REPLAY_LIMIT + 1,
    }),
    db.chatMessage.findMany({
      where: { streamId, seq: { lte: afterSeq }, deletedSeq: { gt: afterSeq } },
      orderBy: { deletedSeq: "asc" },
      take: CHAT_REPLAY_LIMIT + 1,
    }),
  ]);
  if (created.length + deleted.length > CHAT_REPLAY_LIMIT) {
    throw replayRefused("REPLAY_TOO_FAR_BEHIND", `more than ${CHAT_REPLAY_LIMIT} chat events since after`);
  }
  const events = [
    ...created.map((row) => ({ seq: row.seq, event: messageEvent(row) })),
    ...deleted.map((row) => ({ seq: row.deletedSeq!, event: deletedEvent(row.id, row.deletedSeq!) })),
  ].sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0));
  return { afterSeq, events: events.map((e) => e.event) };
}
