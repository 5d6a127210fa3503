import { actorOf } from "@health/platform/auth";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { BizContext } from "../context.ts";
import { setChatSlowMode } from "../domain/chat/moderation.ts";
import { slowModeSecondsOf } from "../domain/chat/rules.ts";
import { liveStreamById } from "../domain/live/liveStreams.ts";
import { LiveStream, toLiveStream } from "../model/liveStream.ts";

/**
 * What the chat adds to LiveStream, kept apart from liveStream.resolver.ts (the stream's own life and
 * its media URLs).
 */
@Resolver(() => LiveStream)
export class LiveStreamChatResolver {
  @Authorized()
  @Mutation(() => LiveStream, {
    description:
      "The host sets the chat's slow mode: seconds between two messages of a viewer (0–300; 0: off).",
  })
  async setChatSlowMode(
    @Ctx() ctx: BizContext,
    @Arg("streamId", () => ID) streamId: string,
    @Arg("seconds", () => Int) seconds: number,
  ): Promise<LiveStream> {
    const room = await setChatSlowMode(ctx.deps.db, actorOf(ctx).userId, streamId, seconds);
    return toLiveStream(await liveStreamById(ctx.deps.db, room.streamId));
  }

  @FieldResolver(() => Int, { description: "Seconds a viewer waits between two chat messages (0: off)." })
  async chatSlowModeSeconds(@Root() stream: LiveStream, @Ctx() ctx: BizContext): Promise<number> {
    const room = await ctx.loaders.chatRoom.load(stream.id);
    return slowModeSecondsOf(room?.slowModeSeconds, ctx.deps.chatSlowModeSeconds);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "How many watch its chat now (liveChat subscribers on every instance); null when unknown.",
  })
  viewerCount(@Root() stream: LiveStream, @Ctx() ctx: BizContext): Promise<number | null> {
    return ctx.deps.chatViewers.count(stream.id);
  }
}
