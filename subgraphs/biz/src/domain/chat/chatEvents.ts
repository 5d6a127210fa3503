import type { PubSub } from "type-graphql";
import type { ChatMessage as ChatMessageRow } from "../../generated/prisma/client.ts";

/** `liveChat`'s subject: one per room, `biz.live_chat.<streamId>`. */
export const LIVE_CHAT = "biz.live_chat";

/** A message as it travels to subscribers (JSON: time as an ISO string, numbers as strings). */
export interface ChatMessageSnapshot {
  id: string;
  streamId: string;
  senderId: string;
  kind: "USER" | "SYSTEM";
  text: string;
  createdAt: string;
}

/**
 * What `liveChat` carries. MESSAGE and DELETED take the room's next number (`seq`, in commit order), by
 * which a resume drops what its replay already delivered; VIEWERS is a presence figure with no number.
 */
export type ChatEventMessage =
  | { kind: "MESSAGE"; seq: string; message: ChatMessageSnapshot }
  | { kind: "DELETED"; seq: string; messageId: string }
  | { kind: "VIEWERS"; viewerCount: number };

export const snapshotOf = (row: ChatMessageRow): ChatMessageSnapshot => ({
  id: row.id,
  streamId: row.streamId,
  senderId: row.senderId,
  kind: row.kind,
  text: row.text,
  createdAt: row.createdAt.toISOString(),
});

export const messageEvent = (row: ChatMessageRow): ChatEventMessage => ({
  kind: "MESSAGE",
  seq: row.seq.toString(),
  message: snapshotOf(row),
});

export const deletedEvent = (messageId: string, deletedSeq: bigint): ChatEventMessage => ({
  kind: "DELETED",
  seq: deletedSeq.toString(),
  messageId,
});

/**
 * Not an event viewers see: `userId` was banned from the room, and every instance holding a `liveChat`
 * stream of the room ends theirs (liveChat.ts).
 */
export interface ChatBanMessage {
  kind: "BANNED";
  userId: string;
}

/** Sends `event` to every viewer of the room, on any instance. Call only after its transaction committed. */
export function announceChatEvent(
  pubSub: PubSub,
  streamId: string,
  event: ChatEventMessage | ChatBanMessage,
): void {
  pubSub.publish(LIVE_CHAT, streamId, event);
}

export const isChatEvent = (value: unknown): value is ChatEventMessage =>
  typeof value === "object" &&
  value !== null &&
  ["MESSAGE", "DELETED", "VIEWERS"].includes((value as ChatEventMessage).kind);

export const isChatBan = (value: unknown): value is ChatBanMessage =>
  typeof value === "object" &&
  value !== null &&
  (value as ChatBanMessage).kind === "BANNED" &&
  typeof (value as ChatBanMessage).userId === "string";
