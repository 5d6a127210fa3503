import { actorOf } from "@health/platform/auth";
import { declarePresence, declareVisibilityScope } from "@health/platform/server";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { BizContext } from "../context.ts";
import type { ChatEventMessage } from "../domain/chat/chatEvents.ts";
import { CHAT_HISTORY, chatMessages } from "../domain/chat/history.ts";
import { liveChatScope, openLiveChatStream } from "../domain/chat/liveChat.ts";
import { deleteChatMessage, sendChatMessage } from "../domain/chat/messages.ts";
import { liveChatPresenceKey } from "../domain/chat/viewers.ts";
import { ChatEvent, ChatMessage, toChatEvent, toChatMessage } from "../model/chatMessage.ts";

interface SubscribeData<TArgs> {
  args: TArgs;
  context: BizContext;
}

/** M07 chat: messages in a live stream's room, its history and its live feed. */
@Resolver(() => ChatMessage)
export class ChatMessageResolver {
  @Authorized()
  @Mutation(() => ChatMessage, {
    description:
      "Says `text` (1–500 characters) in the stream's chat while it is SCHEDULED or LIVE (CONFLICT once ENDED). FORBIDDEN (extensions.reason MUTED or BANNED) for a muted or banned sender; RATE_LIMITED (extensions.retryAfterSeconds) inside the room's slow-mode window (viewers only).",
  })
  async sendChatMessage(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("text", () => String) text: string,
  ): Promise<ChatMessage> {
    return toChatMessage(await sendChatMessage(ctx.deps, actorOf(ctx).userId, streamId, text));
  }

  @Authorized()
  @Mutation(() => ChatMessage, {
    description: "The host or a moderator removes a message; viewers get a DELETED event.",
  })
  async deleteChatMessage(
    @Ctx() ctx: BizContext,
    @Arg("messageId", () => ID) messageId: string,
  ): Promise<ChatMessage> {
    return toChatMessage(await deleteChatMessage(ctx.deps, actorOf(ctx).userId, messageId));
  }

  @Authorized()
  @Query(() => [ChatMessage], {
    description: "The latest `last` messages of the stream's chat, oldest first (deleted ones left out).",
  })
  async chatMessages(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("last", () => Int, { defaultValue: CHAT_HISTORY.defaultSize, description: "1–100" }) last: number,
  ): Promise<ChatMessage[]> {
    return (await chatMessages(ctx.deps.db, actorOf(ctx).userId, streamId, last)).map(toChatMessage);
  }

  @Authorized()
  @Subscription(() => ChatEvent, {
    subscribe: async ({ args, context }: SubscribeData<{ streamId: string; after?: string | null }>) => {
      const after = args.after ?? null;
      const stream = await openLiveChatStream(context.deps, actorOf(context), args.streamId, after);
      const streamId = args.streamId.toLowerCase();
      declareVisibilityScope(context, liveChatScope(streamId, after));
      declarePresence(context, liveChatPresenceKey(streamId));
      return stream;
    },
    description:
      "The stream's chat as it happens: new messages, deletions, the viewer count. With `after` (the last ChatMessage.id seen), first the events missed since (at most 100; more is BAD_USER_INPUT, extensions.reason REPLAY_TOO_FAR_BEHIND, as is an unknown id, UNKNOWN_MESSAGE: reload chatMessages and subscribe without after), then live ones, none twice. FORBIDDEN (BANNED) for a banned viewer.",
  })
  liveChat(
    @Root() event: ChatEventMessage,
    @Arg("streamId", () => ID) _streamId: string,
    @Arg("after", () => ID, { nullable: true }) _after: string | null,
  ): ChatEvent {
    return toChatEvent(event);
  }
}
