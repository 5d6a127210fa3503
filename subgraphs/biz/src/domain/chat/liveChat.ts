import type { Actor } from "@health/platform/auth";
import { endingWith, replayThenLive } from "@health/platform/graphql";
import { Dismissal } from "@health/platform/server";
import type { BizDeps } from "../../deps.ts";
import { type ChatEventMessage, isChatBan, isChatEvent, LIVE_CHAT } from "./chatEvents.ts";
import { type ChatReplay, missedChatEvents, readableRoom } from "./history.ts";
import { bannedError } from "./rules.ts";

/** A numbered event the replay did not deliver and the viewer has not seen; VIEWERS always passes. */
export function isNewToResumer(
  event: ChatEventMessage,
  replay: ChatReplay | null,
  replayed: ReadonlySet<string>,
) {
  if (!replay || event.kind === "VIEWERS") return true;
  return BigInt(event.seq) > replay.afterSeq && !replayed.has(event.seq);
}

/**
 * `liveChat(streamId, after)`: every event of the room, for any signed-in viewer not banned from it.
 * With `after` (the last message the viewer saw), first what was missed since (history.ts), then live
 * ones. Seam-safe as orderAvailable's resume: the room's subject is subscribed (and flushed to the
 * server) before the replay is read, so nothing committed meanwhile is lost; the room numbers events
 * in commit order, so a live event numbered at or below `after`, or one the replay delivered, is
 * dropped, and nothing comes twice. The router counts its subscribers as the room's viewers (the
 * resolver declares the presence key; viewers.ts). A ban ends the banned viewer's stream with FORBIDDEN
 * (BANNED), wherever it is held: the platform ends a private stream, the router its member of a shared one.
 */
export async function openLiveChatStream(
  deps: Pick<BizDeps, "db" | "pubSub" | "chatViewers">,
  actor: Actor,
  streamIdArg: string,
  after: string | null,
): Promise<AsyncIterableIterator<ChatEventMessage | Dismissal>> {
  const stream = await readableRoom(deps.db, actor.userId, streamIdArg);
  const live = deps.pubSub.subscribe(LIVE_CHAT, stream.id);
  let replay: ChatReplay | null = null;
  try {
    await deps.pubSub.flush();
    if (after) replay = await missedChatEvents(deps.db, stream.id, after);
  } catch (error) {
    await live.return?.();
    throw error;
  }
  const replayed = new Set(replay?.events.flatMap((e) => (e.kind === "VIEWERS" ? [] : [e.seq])) ?? []);
  const closed = deps.chatViewers.streamOpened(stream.id);
  const events = replayThenLive<ChatEventMessage | Dismissal>(replay?.events ?? [], live, (message) => {
    if (isChatBan(message)) return new Dismissal(message.userId, bannedError(stream.id));
    return isChatEvent(message) && isNewToResumer(message, replay, replayed) ? message : null;
  });
  return endingWith(events, closed);
}

/**
 * Every viewer admitted to one room's live chat receives the same events, and every field under
 * `liveChat` in biz comes from the event, so one upstream stream may serve them all (the router
 * groups them). A resume (`after`) replays what this viewer missed, so it shares with nobody.
 */
export const liveChatScope = (streamId: string, after: string | null): string | null =>
  after ? null : `live-chat:${streamId}`;
