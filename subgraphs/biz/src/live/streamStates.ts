import { setTimeout as sleep } from "node:timers/promises";
import { liveEndedV1, liveStartedV1 } from "@health/events/catalog";
import { busSubject, eventsStreamName } from "@health/platform/events";
import type { Logger } from "@health/platform/logging";
import { connectNats, type NatsCredentials } from "@health/platform/nats";
import { DeliverPolicy, type NatsConnection } from "nats";

/**
 * What the media server knows of biz's streams, learnt from live_started and live_ended on the bus. A
 * stream's life is SCHEDULED → LIVE → ENDED and never goes back, so the two events need no common order:
 * a stream is live when its live_started was read and its live_ended was not.
 */
export interface StreamStates {
  isLive(streamName: string): boolean;
  isEnded(streamName: string): boolean;
  /**
   * Whether both events have been read up to the bus's end at least once since start-up. Until then the
   * media server cannot tell a live stream from a scheduled one, and refuses pushes (fails closed).
   */
  caughtUp(): boolean;
  close(): Promise<void>;
}

export interface StreamStatesOptions {
  natsUrl: string;
  credentials: NatsCredentials;
  /** Test isolation: the bus's stream and subjects of a test's own. */
  eventPrefix?: string;
  /**
   * How far back the bus is read, and how long a start or an end is remembered: at least the longest a
   * push URL biz signs stays valid. A stream live for longer is forgotten by a restarted media server.
   */
  lookbackSeconds: number;
  /** Called once per stream as it goes live. */
  onStarted?(streamName: string): void;
  /** Called once per stream as it ends (to drop its publisher and viewers). */
  onEnded(streamName: string): void;
  logger: Logger;
}

/** How long to wait before trying NATS or the events stream again after it failed: 5 s, doubling to 60 s. */
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

type Followed = typeof liveStartedV1 | typeof liveEndedV1;

/** Stream ids with when they happened, forgetting what is older than the lookback. */
function recentStreams(lookbackSeconds: number) {
  const at = new Map<string, number>();
  return {
    has: (name: string) => at.has(name),
    /** True when `name` is new (and recent enough to remember). */
    add(name: string, when: number): boolean {
      const forgetBefore = Date.now() - lookbackSeconds * 1000;
      for (const [known, t] of at) if (t < forgetBefore) at.delete(known);
      if (when < forgetBefore || at.has(name)) return false;
      at.set(name, when);
      return true;
    },
  };
}

/**
 * Follows live_started and live_ended, each with an ordered consumer (no durable state, no acks: the
 * effect is idempotent, and a restarted media server rebuilds its memory by reading the last
 * `lookbackSeconds` of the stream again). It never blocks the media server: while NATS or the stream is
 * unreachable, plays are still checked by signature, pushes of streams known live still go through, a
 * stream started meanwhile cannot be pushed to until it is back (fail closed), and streams ended meanwhile
 * are stopped once it is back (retrying after 5 s, doubling to 60 s; once connected, the NATS client
 * reconnects by itself).
 */
export function watchStreamStates(options: StreamStatesOptions): StreamStates {
  const started = recentStreams(options.lookbackSeconds);
  const ended = recentStreams(options.lookbackSeconds);
  const caughtUp = new Set<Followed>();
  const stop = new AbortController();
  let nats: Promise<NatsConnection> | undefined;
  const bus = { prefix: options.eventPrefix };
  const connection = () => {
    nats ??= connectNats(options.natsUrl, "media", options.credentials).catch((error) => {
      nats = undefined;
      throw error;
    });
    return nats;
  };

  const remember = (event: Followed, data: Uint8Array) => {
    const envelope = JSON.parse(new TextDecoder().decode(data)) as { payload?: unknown };
    if (event === liveStartedV1) {
      const parsed = liveStartedV1.payload.safeParse(envelope.payload);
      if (!parsed.success) throw new Error(`live_started off its contract: ${parsed.error.message}`);
      const { streamId, startedAt } = parsed.data;
      if (started.add(streamId, Date.parse(startedAt))) options.onStarted?.(streamId);
      return;
    }
    const parsed = liveEndedV1.payload.safeParse(envelope.payload);
    if (!parsed.success) throw new Error(`live_ended off its contract: ${parsed.error.message}`);
    const { streamId, endedAt } = parsed.data;
    if (ended.add(streamId, Date.parse(endedAt))) options.onEnded(streamId);
  };

  const follow = async (event: Followed) => {
    let retryMs = RETRY_MS;
    let lastProblem = "";
    while (!stop.signal.aborted) {
      try {
        const consumer = await (await connection()).jetstream().consumers.get(eventsStreamName(bus), {
          filterSubjects: busSubject(event.subject, bus),
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: new Date(Date.now() - options.lookbackSeconds * 1000).toISOString(),
        });
        // What was on the bus when the consumer was made: read to its end, the memory is complete.
        if ((await consumer.info()).num_pending === 0) caughtUp.add(event);
        const messages = await consumer.consume();
        stop.signal.addEventListener("abort", () => void messages.close(), { once: true });
        options.logger.info({ event: event.name }, "following the streams' lives");
        retryMs = RETRY_MS;
        lastProblem = "";
        for await (const message of messages) {
          try {
            remember(event, message.data);
          } catch (error) {
            options.logger.warn({ err: error, event: event.name }, "unreadable event; ignored");
          }
          if (message.info.pending === 0) caughtUp.add(event);
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        // Said once per kind of problem (the events stream does not exist until a relay first starts).
        const problem = error instanceof Error ? error.message : String(error);
        const level = problem === lastProblem ? "debug" : "warn";
        options.logger[level](
          { err: error, retryMs, event: event.name },
          "cannot follow the streams' lives yet (NATS or the events stream)",
        );
        lastProblem = problem;
      }
      await sleep(retryMs, undefined, { signal: stop.signal }).catch(() => undefined);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  const following = Promise.all([follow(liveStartedV1), follow(liveEndedV1)]);

  return {
    isLive: (streamName) => started.has(streamName) && !ended.has(streamName),
    isEnded: (streamName) => ended.has(streamName),
    caughtUp: () => caughtUp.size === 2,
    close: async () => {
      stop.abort();
      await following;
      await (await nats?.catch(() => undefined))?.close();
    },
  };
}
