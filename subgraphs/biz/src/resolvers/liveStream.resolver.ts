import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { BizContext } from "../context.ts";
import {
  endLiveStream,
  liveStreamById,
  scheduleLiveStream,
  startLiveStream,
} from "../domain/live/liveStreams.ts";
import { LIVE_STREAMS_PAGE, liveStreamsOf } from "../domain/live/queries.ts";
import { playUrlsFor, pushUrlFor } from "../domain/live/urls.ts";
import { ScheduleLiveStreamInput } from "../model/liveStream.inputs.ts";
import {
  LivePlayUrls,
  LiveStream,
  LiveStreamConnection,
  LiveStreamStatus,
  toLiveStream,
  toLiveStreamConnection,
} from "../model/liveStream.ts";

/** M07: coaches schedule, start and end their streams; every signed-in user sees them. */
@Resolver(() => LiveStream)
export class LiveStreamResolver {
  @Authorized("coach")
  @Mutation(() => LiveStream, { description: "Schedules a live stream hosted by the caller (coaches only)." })
  async scheduleLiveStream(
    @Ctx() ctx: BizContext,
    @Arg("input", () => ScheduleLiveStreamInput) input: ScheduleLiveStreamInput,
  ): Promise<LiveStream> {
    return toLiveStream(await scheduleLiveStream(ctx.deps.db, actorOf(ctx).userId, input));
  }

  @Authorized()
  @Mutation(() => LiveStream, {
    description:
      "Its host goes live (SCHEDULED → LIVE); announces live_started. CONFLICT in any other state.",
  })
  async startLiveStream(@Ctx() ctx: BizContext, @Arg("id", () => ID) id: string): Promise<LiveStream> {
    return toLiveStream(await startLiveStream(ctx.deps.db, actorOf(ctx).userId, id));
  }

  @Authorized()
  @Mutation(() => LiveStream, {
    description: "Its host ends it (LIVE → ENDED). CONFLICT in any other state.",
  })
  async endLiveStream(@Ctx() ctx: BizContext, @Arg("id", () => ID) id: string): Promise<LiveStream> {
    return toLiveStream(await endLiveStream(ctx.deps.db, actorOf(ctx).userId, id));
  }

  @Authorized()
  @Query(() => LiveStream, { description: "A live stream; NOT_FOUND if there is none with that id." })
  async liveStream(@Ctx() ctx: BizContext, @Arg("id", () => ID) id: string): Promise<LiveStream> {
    return toLiveStream(await liveStreamById(ctx.deps.db, id));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => LiveStreamConnection, {
    description: "Live streams, newest first, optionally of one status and/or one host.",
  })
  async liveStreams(
    @Ctx() ctx: BizContext,
    @Arg("status", () => LiveStreamStatus, { nullable: true }) status: LiveStreamStatus | null,
    @Arg("hostId", () => ID, { nullable: true }) hostId: string | null,
    @Arg("first", () => Int, { defaultValue: LIVE_STREAMS_PAGE.defaultSize, description: "1–100 streams" })
    first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<LiveStreamConnection> {
    return toLiveStreamConnection(await liveStreamsOf(ctx.deps.db, { status, hostId }, { first, after }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "Where the host pushes (RTMP, signed with the push key, valid for the push TTL): the host's only, and null for anyone else or once ENDED.",
  })
  pushUrl(@Root() stream: LiveStream, @Ctx() ctx: BizContext): string | null {
    return pushUrlFor(ctx.deps.live, ctx.actor, stream, new Date());
  }

  @FieldResolver(() => LivePlayUrls, {
    nullable: true,
    description: "Where viewers play it (RTMP and HTTP-FLV, signed with the play key); null once ENDED.",
  })
  playUrls(@Root() stream: LiveStream, @Ctx() ctx: BizContext): LivePlayUrls | null {
    return playUrlsFor(ctx.deps.live, stream, new Date());
  }
}
