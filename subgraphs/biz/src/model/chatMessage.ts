import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ChatEventMessage, ChatMessageSnapshot } from "../domain/chat/chatEvents.ts";
import type { ChatMessageRow } from "../domain/chat/messages.ts";
import { ChatMessageKind } from "../generated/prisma/enums.ts";
import { User, userRef } from "./user.ts";

export { ChatMessageKind };

registerEnumType(ChatMessageKind, {
  name: "ChatMessageKind",
  description:
    "USER: written by its sender. SYSTEM: written by the platform about its sender (a gift: show the sender's name, then the text).",
});

export enum ChatEventKind {
  MESSAGE = "MESSAGE",
  DELETED = "DELETED",
  VIEWERS = "VIEWERS",
}

registerEnumType(ChatEventKind, {
  name: "ChatEventKind",
  description:
    "MESSAGE: add `message`. DELETED: remove the message `deletedMessageId` (if shown). VIEWERS: the room's `viewerCount` changed.",
});

@ObjectType({ description: "A message in a live stream's chat (M07)." })
export class ChatMessage {
  @Field(() => ID, {
    description: "Sortable in time; pass the last one seen as liveChat's `after` to resume.",
  })
  id!: string;

  @Field(() => ID)
  streamId!: string;

  @Field(() => User, { description: "Who wrote it (USER), or whom it is about (SYSTEM)." })
  sender!: User;

  @Field(() => ChatMessageKind)
  kind!: ChatMessageKind;

  @Field(() => String)
  text!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: "When the host or a moderator deleted it." })
  deletedAt!: Date | null;
}

@ObjectType({ description: "Something that happened in a live stream's chat, in the room's order." })
export class ChatEvent {
  @Field(() => ChatEventKind)
  kind!: ChatEventKind;

  @Field(() => ChatMessage, { nullable: true, description: "MESSAGE: the new message." })
  message!: ChatMessage | null;

  @Field(() => ID, { nullable: true, description: "DELETED: the id of the message to remove." })
  deletedMessageId!: string | null;

  @Field(() => Int, { nullable: true, description: "VIEWERS: how many watch the room now." })
  viewerCount!: number | null;
}

export const toChatMessage = (row: ChatMessageRow): ChatMessage => ({
  id: row.id,
  streamId: row.streamId,
  sender: userRef(row.senderId),
  kind: row.kind,
  text: row.text,
  createdAt: row.createdAt,
  deletedAt: row.deletedAt,
});

const fromSnapshot = (s: ChatMessageSnapshot): ChatMessage => ({
  id: s.id,
  streamId: s.streamId,
  sender: userRef(s.senderId),
  kind: s.kind,
  text: s.text,
  createdAt: new Date(s.createdAt),
  deletedAt: null,
});

export const toChatEvent = (event: ChatEventMessage): ChatEvent => ({
  kind: ChatEventKind[event.kind],
  message: event.kind === "MESSAGE" ? fromSnapshot(event.message) : null,
  deletedMessageId: event.kind === "DELETED" ? event.messageId : null,
  viewerCount: event.kind === "VIEWERS" ? event.viewerCount : null,
});
