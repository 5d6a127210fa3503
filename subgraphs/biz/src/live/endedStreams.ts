import { setTimeout as sleep } from "node:timers/promises";
import { liveEndedV1 } from "@health/events/catalog";
import { busSubject, eventsStreamName } from "@health/platform/events";
import type { Logger } from "@health/platform/logging";
import { connectNats, type NatsCredentials } from "@health/platform/nats";
import { DeliverPolicy, type NatsConnection } from "nats";

/** The streams biz has ended lately, learnt from live_ended on the bus. */
export interface EndedStreams {
  has(streamName: string): boolean;
  close(): Promise<void>;
}

export interface EndedStreamsOptions {
  natsUrl: string;
  credentials: NatsCredentials;
  /** Test isolation: the bus's stream and subjects of a test's own. */
  eventPrefix?: string;
  /** How long an ended stream is remembered: at least the longest a push URL biz signs stays valid. */
  lookbackSeconds: number;
  /** Called once per stream as it ends (to drop its publisher and viewers). */
  onEnded(streamName: string): void;
  logger: Logger;
}

/** How long to wait before trying NATS or the events stream again after it failed: 5 s, doubling to 60 s. */
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/**
 * Reads live_ended from the events stream with an ordered consumer (no durable state, no acks: the
 * effect is idempotent, and a restarted media server rebuilds its memory by reading the last
 * `lookbackSeconds` of the stream again). It never blocks the media server: while NATS or the stream is
 * unreachable, pushes and plays are still checked by signature, streams ended meanwhile are learnt once
 * it is back (retrying after 5 s, doubling to 60 s; once connected, the NATS client reconnects by itself).
 */
export function watchEndedStreams(options: EndedStreamsOptions): EndedStreams {
  const endedAt = new Map<string, number>();
  const stop = new AbortController();
  let nats: NatsConnection | undefined;
  const bus = { prefix: options.eventPrefix };

  const remember = (data: Uint8Array) => {
    const envelope = JSON.parse(new TextDecoder().decode(data)) as { payload?: unknown };
    const parsed = liveEndedV1.payload.safeParse(envelope.payload);
    if (!parsed.success) {
      options.logger.warn(
        { issues: parsed.error.issues },
        "live_ended with a payload off its contract; ignored",
      );
      return;
    }
    const forgetBefore = Date.now() - options.lookbackSeconds * 1000;
    for (const [name, at] of endedAt) if (at < forgetBefore) endedAt.delete(name);
    const at = Date.parse(parsed.data.endedAt);
    if (at < forgetBefore || endedAt.has(parsed.data.streamId)) return;
    endedAt.set(parsed.data.streamId, at);
    options.onEnded(parsed.data.streamId);
  };

  const follow = async () => {
    let retryMs = RETRY_MS;
    let lastProblem = "";
    while (!stop.signal.aborted) {
      try {
        nats ??= await connectNats(options.natsUrl, "media", options.credentials);
        const consumer = await nats.jetstream().consumers.get(eventsStreamName(bus), {
          filterSubjects: busSubject(liveEndedV1.subject, bus),
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: new Date(Date.now() - options.lookbackSeconds * 1000).toISOString(),
        });
        const messages = await consumer.consume();
        stop.signal.addEventListener("abort", () => void messages.close(), { once: true });
        options.logger.info("following live_ended");
        retryMs = RETRY_MS;
        lastProblem = "";
        for await (const message of messages) {
          try {
            remember(message.data);
          } catch (error) {
            options.logger.warn({ err: error }, "unreadable live_ended; ignored");
          }
        }
      } catch (error) {
        if (stop.signal.aborted) return;
        // Said once per kind of problem (the events stream does not exist until a relay first starts).
        const problem = error instanceof Error ? error.message : String(error);
        const level = problem === lastProblem ? "debug" : "warn";
        options.logger[level](
          { err: error, retryMs },
          "cannot follow live_ended yet (NATS or the events stream)",
        );
        lastProblem = problem;
      }
      await sleep(retryMs, undefined, { signal: stop.signal }).catch(() => undefined);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  };
  const following = follow();

  return {
    has: (streamName) => endedAt.has(streamName),
    close: async () => {
      stop.abort();
      await following;
      await nats?.close();
    },
  };
}
