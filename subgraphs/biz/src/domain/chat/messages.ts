import { createHash } from "node:crypto";
import { chatMessageSentV1 } from "@health/events/catalog";
import { notFound } from "@health/platform/errors";
import { publishEvent, uuidv7 } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import { assertNotHeld } from "@health/platform/holds";
import type { BizTx } from "../../db.ts";
import type { BizDeps } from "../../deps.ts";
import type { ChatMessage as ChatMessageRow } from "../../generated/prisma/client.ts";
import { liveStreamById } from "../live/liveStreams.ts";
import { announceChatEvent, deletedEvent, messageEvent } from "./chatEvents.ts";
import { nextChatSeq, roomSlowModeSeconds, standingOf } from "./rooms.ts";
import {
  assertMayPost,
  assertModerates,
  chatRoleOf,
  checkedChatText,
  slowModeBinds,
  slowModeSecondsOf,
} from "./rules.ts";
import { takeSlowModeSlot } from "./slowMode.ts";

export type { ChatMessageRow };

type ChatDeps = Pick<BizDeps, "db" | "pubSub" | "chatLimiter" | "chatSlowModeSeconds">;

/** Writes a message as the room's next number (in the caller's transaction). */
async function writeMessage(
  tx: BizTx,
  data: { streamId: string; senderId: string; kind: "USER" | "SYSTEM"; text: string },
  now: Date,
): Promise<ChatMessageRow> {
  const seq = await nextChatSeq(tx, data.streamId);
  return tx.chatMessage.create({ data: { id: uuidv7(now.getTime()), seq, createdAt: now, ...data } });
}

/**
 * chat_message_sent for ops's chat-spam rule: the length and a hash of the trimmed, lower-cased text,
 * never the text itself.
 */
async function publishChatMessageSent(tx: BizTx, row: ChatMessageRow): Promise<void> {
  await publishEvent(
    tx,
    chatMessageSentV1,
    {
      roomId: row.streamId,
      senderId: row.senderId,
      length: row.text.length,
      contentHash: createHash("sha256").update(row.text.trim().toLowerCase()).digest("hex"),
      sentAt: row.createdAt.toISOString(),
    },
    { aggregateId: row.senderId, actorId: row.senderId, occurredAt: row.createdAt },
  );
}

/**
 * `senderId` says `text` in the chat of `streamId`: checked (length, not held by ops, stream open, not
 * banned or muted, slow mode for viewers) before any write, then written with its chat_message_sent
 * event and sent to every viewer once committed.
 */
export async function sendChatMessage(
  deps: ChatDeps,
  senderId: string,
  streamIdArg: string,
  textArg: string,
  now = new Date(),
): Promise<ChatMessageRow> {
  const text = checkedChatText(textArg);
  await assertNotHeld(deps.db, senderId, "send chat messages");
  const stream = await liveStreamById(deps.db, streamIdArg, "streamId");
  const standing = await standingOf(deps.db, stream.id, senderId);
  assertMayPost(stream.id, stream.status, standing, now);
  if (slowModeBinds(chatRoleOf(senderId, stream.hostId, standing))) {
    const seconds = slowModeSecondsOf(
      await roomSlowModeSeconds(deps.db, stream.id),
      deps.chatSlowModeSeconds,
    );
    await takeSlowModeSlot(deps.chatLimiter, stream.id, senderId, seconds);
  }
  const row = await deps.db.$transaction(async (tx) => {
    const written = await writeMessage(tx, { streamId: stream.id, senderId, kind: "USER", text }, now);
    await publishChatMessageSent(tx, written);
    return written;
  });
  announceChatEvent(deps.pubSub, stream.id, messageEvent(row));
  return row;
}

/**
 * The host or a moderator removes a message: it stays stored (deletedAt, deletedBy) and leaves history,
 * and a DELETED event tells viewers to remove it. Deleting it again changes nothing.
 */
export async function deleteChatMessage(
  deps: Pick<ChatDeps, "db" | "pubSub">,
  actorId: string,
  messageIdArg: string,
  now = new Date(),
): Promise<ChatMessageRow> {
  const messageId = uuidArg(messageIdArg, "messageId", "a chat message id");
  const message = await deps.db.chatMessage.findUnique({ where: { id: messageId } });
  if (!message) throw notFound("Chat message", messageId);
  const stream = await liveStreamById(deps.db, message.streamId);
  const role = chatRoleOf(actorId, stream.hostId, await standingOf(deps.db, stream.id, actorId));
  assertModerates(role, stream.id, "delete messages in its chat");
  if (message.deletedAt) return message;
  const deleted = await deps.db.$transaction(async (tx) => {
    const deletedSeq = await nextChatSeq(tx, stream.id);
    const { count } = await tx.chatMessage.updateMany({
      where: { id: messageId, deletedAt: null },
      data: { deletedAt: now, deletedById: actorId, deletedSeq },
    });
    return count === 1 ? tx.chatMessage.findUniqueOrThrow({ where: { id: messageId } }) : null;
  });
  if (!deleted) return deps.db.chatMessage.findUniqueOrThrow({ where: { id: messageId } });
  announceChatEvent(deps.pubSub, stream.id, deletedEvent(deleted.id, deleted.deletedSeq!));
  return deleted;
}

/** What a gift sent in a live room says in its chat (the client puts the sender's name before it). */
export const giftText = (quantity: number, giftId: string): string => `sent ${quantity} × ${giftId}`;

/**
 * A SYSTEM message about a gift sent in the room of `streamId`, written in the consumer's transaction;
 * null when no stream has that id (a room id from elsewhere). Its sender is the gift's sender.
 */
export async function writeGiftMessage(
  tx: BizTx,
  gift: { streamId: string; senderId: string; giftId: string; quantity: number },
  now = new Date(),
): Promise<ChatMessageRow | null> {
  const stream = await tx.liveStream.findUnique({ where: { id: gift.streamId }, select: { id: true } });
  if (!stream) return null;
  const text = giftText(gift.quantity, gift.giftId);
  return writeMessage(tx, { streamId: stream.id, senderId: gift.senderId, kind: "SYSTEM", text }, now);
}
