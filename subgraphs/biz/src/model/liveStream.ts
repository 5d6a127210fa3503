import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { LiveStreamRow } from "../domain/live/liveStreams.ts";
import { LiveStreamStatus } from "../generated/prisma/enums.ts";
import { User, userRef } from "./user.ts";

export { LiveStreamStatus };

registerEnumType(LiveStreamStatus, {
  name: "LiveStreamStatus",
  description: "SCHEDULED → LIVE (its host starts it) → ENDED (its host ends it; final).",
});

@ObjectType({
  description:
    "Where a viewer plays a stream, signed with the play key (Tencent's txSecret/txTime), until expiresAt.",
})
export class LivePlayUrls {
  @Field(() => String, { description: "rtmp://<host>/<app>/<stream>?txSecret=..&txTime=.." })
  rtmp!: string;

  @Field(() => String, { description: "HTTP-FLV: http://<host>/<app>/<stream>.flv?txSecret=..&txTime=.." })
  flv!: string;

  @Field(() => Date, { description: "When the signature lapses; ask again for fresh URLs." })
  expiresAt!: Date;
}

@ObjectType({ description: "A coach's live stream (M07; the seed's POST /live-streams)." })
export class LiveStream {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: "The coach who hosts it." })
  host!: User;

  /** Not a field: what `pushUrl` checks the caller against. */
  hostId!: string;

  // pushUrl and playUrls: field resolvers (resolvers/liveStream.resolver.ts), signed per request.

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date)
  scheduledAt!: Date;

  @Field(() => LiveStreamStatus)
  status!: LiveStreamStatus;

  @Field(() => Date, { nullable: true, description: "When it went LIVE." })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When it ENDED." })
  endedAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({ description: "Live streams, newest first (by when they were scheduled)." })
export class LiveStreamConnection extends Connection(LiveStream) {}

export const toLiveStream = (row: LiveStreamRow): LiveStream => ({
  id: row.id,
  host: userRef(row.hostId),
  hostId: row.hostId,
  title: row.title,
  description: row.description,
  scheduledAt: row.scheduledAt,
  status: row.status,
  startedAt: row.startedAt,
  endedAt: row.endedAt,
  createdAt: row.createdAt,
});

export const toLiveStreamConnection = (page: Page<LiveStreamRow>) => toConnection(page, toLiveStream);
