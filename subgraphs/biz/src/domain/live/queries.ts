import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { BizDb } from "../../db.ts";
import type { LiveStream as LiveStreamRow, LiveStreamStatus } from "../../generated/prisma/client.ts";

export const LIVE_STREAMS_PAGE = { defaultSize: 20, maxSize: 100 };

export interface LiveStreamFilter {
  status?: LiveStreamStatus | null;
  hostId?: string | null;
}

/** A page of streams, newest first (by when they were scheduled), optionally of one status and/or one host. */
export async function liveStreamsOf(
  db: BizDb,
  filter: LiveStreamFilter,
  args: { first?: number | null; after?: string | null },
): Promise<Page<LiveStreamRow>> {
  const hostId = filter.hostId ? uuidArg(filter.hostId, "hostId", "a host's user id") : null;
  const { size, cursor } = pageRequest(args, LIVE_STREAMS_PAGE);
  const rows = await db.liveStream.findMany({
    where: {
      ...(filter.status && { status: filter.status }),
      ...(hostId && { hostId }),
      ...afterCursor(cursor),
    },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}
