import { type Presence, presenceRedisKey } from "@health/platform/redis";
import type { PubSub } from "type-graphql";
import { announceChatEvent } from "./chatEvents.ts";

/** The presence key `liveChat` declares: the router counts each of its subscribers under it. */
export const liveChatPresenceKey = (streamId: string): string => `live-chat:${streamId}`;

export interface ChatViewersOptions {
  /** How often rooms with a stream open here are told their count (when it changed). */
  heartbeatMs: number;
}

/**
 * A room's viewers are `liveChat`'s subscribers as the router counts them (it alone knows how many
 * clients one shared upstream stream serves): present under `liveChatPresenceKey` in Redis, renewed
 * by each router instance, gone within three of its heartbeats when it crashes (Presence). This reads
 * the count, and every heartbeat tells each room with a stream open in this process its count when it
 * changed (one VIEWERS event per room and heartbeat, not one per join or leave). With Redis down the
 * count is unknown (null) and no VIEWERS event goes out; the chat itself is unaffected. The timer runs
 * only while this process has streams open (idle costs nothing).
 */
export class ChatViewers {
  readonly #open = new Map<string, number>();
  readonly #told = new Map<string, number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly presence: Presence,
    private readonly pubSub: PubSub,
    private readonly options: ChatViewersOptions,
  ) {}

  /** The room's viewers on every router instance; null when Redis cannot say. */
  count(streamId: string): Promise<number | null> {
    return this.presence.count(presenceRedisKey("biz", liveChatPresenceKey(streamId)));
  }

  /** liveChat streams of `streamId` open in this process (upstream operations: the router shares them). */
  streamsOpen(streamId: string): number {
    return this.#open.get(streamId) ?? 0;
  }

  /** A liveChat stream of `streamId` opened in this process, until the returned function is called. */
  streamOpened(streamId: string): () => void {
    this.#open.set(streamId, (this.#open.get(streamId) ?? 0) + 1);
    this.#timer ??= setInterval(() => void this.tellCounts(), this.options.heartbeatMs).unref();
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      const left = (this.#open.get(streamId) ?? 1) - 1;
      if (left > 0) this.#open.set(streamId, left);
      else {
        this.#open.delete(streamId);
        this.#told.delete(streamId);
      }
      if (this.#open.size === 0) this.stop();
    };
  }

  /** Tells each room with a stream open here its count, when it changed since last told. */
  async tellCounts(): Promise<void> {
    for (const streamId of this.#open.keys()) {
      const count = await this.count(streamId);
      if (count === null || this.#told.get(streamId) === count) continue;
      this.#told.set(streamId, count);
      announceChatEvent(this.pubSub, streamId, { kind: "VIEWERS", viewerCount: count });
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
