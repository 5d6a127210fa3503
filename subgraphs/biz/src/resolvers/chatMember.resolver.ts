import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import type { BizContext } from "../context.ts";
import {
  appointChatModerator,
  banChatUser,
  dismissChatModerator,
  muteChatUser,
  unbanChatUser,
  unmuteChatUser,
} from "../domain/chat/moderation.ts";
import { ChatMember, toChatMember } from "../model/chatMember.ts";

/** M07 chat moderation: the host appoints moderators; the host and moderators mute and ban. */
@Resolver(() => ChatMember)
export class ChatMemberResolver {
  @Authorized()
  @Mutation(() => ChatMember, { description: "The host makes `userId` a moderator of the stream's chat." })
  async appointChatModerator(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<ChatMember> {
    return toChatMember(await appointChatModerator(ctx.deps.db, actorOf(ctx).userId, streamId, userId));
  }

  @Authorized()
  @Mutation(() => ChatMember, { description: "The host takes `userId`'s moderator role away." })
  async dismissChatModerator(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<ChatMember> {
    return toChatMember(await dismissChatModerator(ctx.deps.db, actorOf(ctx).userId, streamId, userId));
  }

  @Authorized()
  @Mutation(() => ChatMember, {
    description:
      "The host or a moderator mutes `userId` in the chat for `seconds` (1–604800). Never the host; a moderator only by the host.",
  })
  async muteChatUser(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
    @Arg("seconds", () => Int) seconds: number,
  ): Promise<ChatMember> {
    return toChatMember(await muteChatUser(ctx.deps.db, actorOf(ctx).userId, streamId, userId, seconds));
  }

  @Authorized()
  @Mutation(() => ChatMember, { description: "The host or a moderator lifts `userId`'s mute." })
  async unmuteChatUser(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<ChatMember> {
    return toChatMember(await unmuteChatUser(ctx.deps.db, actorOf(ctx).userId, streamId, userId));
  }

  @Authorized()
  @Mutation(() => ChatMember, {
    description:
      "The host or a moderator bans `userId` from the chat: no messages, history or new subscription, and their open liveChat of the room ends with FORBIDDEN (extensions.reason BANNED). Never the host; a moderator only by the host.",
  })
  async banChatUser(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<ChatMember> {
    return toChatMember(await banChatUser(ctx.deps, actorOf(ctx).userId, streamId, userId));
  }

  @Authorized()
  @Mutation(() => ChatMember, { description: "The host or a moderator lifts `userId`'s ban." })
  async unbanChatUser(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("userId", () => ID) userId: string,
  ): Promise<ChatMember> {
    return toChatMember(await unbanChatUser(ctx.deps.db, actorOf(ctx).userId, streamId, userId));
  }
}
