import type { Actor } from "@health/platform/auth";
import { LiveStreamStatus } from "../../generated/prisma/enums.ts";
import type { LivePlayUrls, LiveProvider } from "./provider.ts";

// Who gets which URL of a stream. Its name at the media server is its id.

interface StreamFacts {
  id: string;
  hostId: string;
  status: LiveStreamStatus;
}

/** The push URL, for the stream's host only and only until it has ENDED; null for everyone else. */
export function pushUrlFor(
  live: LiveProvider,
  actor: Actor | null,
  stream: StreamFacts,
  now: Date,
): string | null {
  if (!actor || actor.userId !== stream.hostId) return null;
  if (stream.status === LiveStreamStatus.ENDED) return null;
  return live.pushUrl(stream.id, now).url;
}

/** Play URLs for anyone who can see the stream, until it has ENDED (then null: nothing to play). */
export function playUrlsFor(live: LiveProvider, stream: StreamFacts, now: Date): LivePlayUrls | null {
  if (stream.status === LiveStreamStatus.ENDED) return null;
  return live.playUrls(stream.id, now);
}
