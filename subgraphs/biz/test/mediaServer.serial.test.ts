import { randomUUID } from "node:crypto";
import { liveEndedV1, liveStartedV1 } from "@health/events/catalog";
import { LOCAL_NATS } from "@health/platform/config";
import { busSubject, ensureEventStreams } from "@health/platform/events";
import { connectNats, type NatsConnection } from "@health/platform/nats";
import { deleteEventStreams, eventually, freePort } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LiveProvider } from "../src/domain/live/provider.ts";
import { signStream } from "../src/domain/live/txSecret.ts";
import { txSignedLiveProvider } from "../src/domain/live/txSignedLiveProvider.ts";
import { pushTestPattern } from "./ffmpeg.ts";
import { envelopeOf } from "./fixtures.ts";
import { playFlv } from "./flvPlayback.ts";
import { type MediaServerProcess, startMediaServerProcess } from "./mediaServerProcess.ts";

// The local media server for real: its own process on free ports, ffmpeg pushing a test pattern,
// HTTP-FLV playback read byte by byte. No timing is asserted: every wait is for a condition.

const keys = { pushKey: "test-live-push-key-0123456789", playKey: "test-live-play-key-0123456789" };
let server: MediaServerProcess;
let live: LiveProvider;
// biz's live_ended reaches the media server on an events stream of this file's own.
const bus = { prefix: `t_media_${randomUUID().slice(0, 8)}` };
let nats: NatsConnection;

/** URLs signed as biz signs them, pointing at `target`. */
const providerOptions = (target: MediaServerProcess) => ({
  pushBase: `rtmp://127.0.0.1:${target.rtmpPort}`,
  playRtmpBase: `rtmp://127.0.0.1:${target.rtmpPort}`,
  playHttpBase: `http://127.0.0.1:${target.httpPort}`,
  appName: "live",
  ...keys,
  pushTtlSeconds: 3600,
  playTtlSeconds: 3600,
});

beforeAll(async () => {
  nats = await connectNats(process.env.NATS_URL ?? LOCAL_NATS, "media-server-test");
  await ensureEventStreams(nats, bus);
  server = await startMediaServerProcess(keys, { TEST_EVENT_PREFIX: bus.prefix });
  live = txSignedLiveProvider({ name: "local-media-server (test)", ...providerOptions(server) });
});
afterAll(async () => {
  await server?.close();
  await nats?.close();
  await deleteEventStreams(bus);
});

/** What biz's outbox relay publishes when a host ends `streamId`. */
async function publishLiveEnded(streamId: string): Promise<void> {
  const envelope = envelopeOf(
    liveEndedV1,
    { streamId, hostId: randomUUID(), endedAt: new Date().toISOString() },
    { aggregateId: streamId },
  );
  await nats.jetstream().publish(busSubject(liveEndedV1.subject, bus), JSON.stringify(envelope), {
    msgID: envelope.id,
  });
}

/** What biz's outbox relay publishes when a host starts `streamId`; resolves once the media server read it. */
async function startStream(streamId: string): Promise<void> {
  const envelope = envelopeOf(
    liveStartedV1,
    { streamId, hostId: randomUUID(), title: "Test pattern", startedAt: new Date().toISOString() },
    { aggregateId: streamId },
  );
  await nats.jetstream().publish(busSubject(liveStartedV1.subject, bus), JSON.stringify(envelope), {
    msgID: envelope.id,
  });
  const learnt = (lines: string[]) =>
    lines.some((line) => line.includes(streamId) && line.includes('"live stream started by its host"'));
  expect(learnt(await eventually(async () => server.logs, learnt, 10_000))).toBe(true);
}

/** A push with a valid signature that the media server refuses: ffmpeg fails, nothing is playable. */
async function expectPushRefused(target: MediaServerProcess, stream: string, verdict: string) {
  const provider = txSignedLiveProvider({
    ...providerOptions(target),
    name: "local-media-server (test)",
  });
  const push = pushTestPattern(provider.pushUrl(stream, new Date()).url, 30);
  try {
    expect((await push.exited).code).not.toBe(0);
    const played = await playFlv(provider.playUrls(stream, new Date()).flv, 1, 2_000);
    expect(played.videoTags).toBe(0);
  } finally {
    await push.stop();
  }
  const logged = (line: string) =>
    line.includes(`"verdict":"${verdict}"`) && line.includes('"kind":"push"') && line.includes(stream);
  expect(target.logs.some(logged)).toBe(true);
}

/** `url` with its txSecret or txTime replaced. */
const withQuery = (url: string, name: "txSecret" | "txTime", value: string) => {
  const parsed = new URL(url.replace(/^rtmp:/, "http:"));
  parsed.searchParams.set(name, value);
  return `${url.split("?")[0]}?${parsed.searchParams.toString()}`;
};
const unsigned = (url: string) => url.split("?")[0]!;

describe("the local media server", () => {
  it("answers /health and /ready", async () => {
    expect((await fetch(`http://127.0.0.1:${server.healthPort}/health`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${server.healthPort}/ready`);
    expect(ready.status).toBe(200);
  });

  it("accepts a push signed with the push key and serves it to a play signed with the play key", async () => {
    const stream = randomUUID();
    await startStream(stream);
    const now = new Date();
    const push = pushTestPattern(live.pushUrl(stream, now).url, 30);
    try {
      const play = live.playUrls(stream, now);
      // The push takes a moment to start (ffmpeg's start-up and encoder, on a busy machine).
      const played = await eventually(
        () => playFlv(play.flv),
        (result) => result.videoTags >= 10 && result.audioTags >= 1,
        30_000,
      );
      expect(played).toMatchObject({ status: 200, flvHeader: true });
      expect(played.videoTags).toBeGreaterThanOrEqual(10);
      expect(played.audioTags).toBeGreaterThanOrEqual(1);

      // While it is live: a play with a forged, an expired, a push-key or no signature is refused.
      const expired = signStream(keys.playKey, stream, new Date(Date.now() - 60_000));
      const pushKeySigned = signStream(keys.pushKey, stream, play.expiresAt);
      const refused = [
        withQuery(play.flv, "txSecret", "0".repeat(32)),
        withQuery(withQuery(play.flv, "txSecret", expired.txSecret), "txTime", expired.txTime),
        withQuery(play.flv, "txSecret", pushKeySigned.txSecret),
        unsigned(play.flv),
        // Another stream's signature does not open this one.
        `${unsigned(play.flv)}?${new URL(live.playUrls(randomUUID(), now).flv).search.slice(1)}`,
      ];
      for (const url of refused) {
        const result = await playFlv(url, 1, 3_000);
        expect(result, url).toMatchObject({ status: 403, videoTags: 0, audioTags: 0 });
      }
    } finally {
      await push.stop();
    }
  });

  it("refuses a push with a forged or an expired signature: ffmpeg fails and nothing is playable", async () => {
    const now = new Date();
    const forgedStream = randomUUID();
    const expiredStream = randomUUID();
    const expired = signStream(keys.pushKey, expiredStream, new Date(Date.now() - 1_000));
    const attempts = [
      {
        stream: forgedStream,
        url: withQuery(live.pushUrl(forgedStream, now).url, "txSecret", "f".repeat(32)),
      },
      {
        stream: expiredStream,
        url: `${unsigned(live.pushUrl(expiredStream, now).url)}?txSecret=${expired.txSecret}&txTime=${expired.txTime}`,
      },
    ];
    for (const { stream, url } of attempts) {
      const push = pushTestPattern(url, 30);
      try {
        const { code } = await push.exited;
        expect(code, url).not.toBe(0);
        const played = await playFlv(live.playUrls(stream, new Date()).flv, 1, 2_000);
        expect(played.videoTags).toBe(0);
      } finally {
        await push.stop();
      }
    }
    expect(
      server.logs.some((line) => line.includes('"verdict":"forged"') && line.includes('"kind":"push"')),
    ).toBe(true);
    expect(
      server.logs.some((line) => line.includes('"verdict":"expired"') && line.includes('"kind":"push"')),
    ).toBe(true);
  });

  it("stops a stream its host ended (live_ended on the bus) and refuses its signed URLs from then on", async () => {
    const stream = randomUUID();
    await startStream(stream);
    const now = new Date();
    const pushUrl = live.pushUrl(stream, now).url;
    const play = live.playUrls(stream, now);
    const push = pushTestPattern(pushUrl, 60);
    try {
      const playing = await eventually(
        () => playFlv(play.flv),
        (result) => result.videoTags >= 5,
        30_000,
      );
      expect(playing.videoTags).toBeGreaterThanOrEqual(5);

      await publishLiveEnded(stream);
      // The publisher is dropped: ffmpeg ends long before its 60 s.
      await push.exited;
      const refused = await eventually(
        () => playFlv(play.flv, 1, 2_000),
        (result) => result.status === 403,
        10_000,
      );
      expect(refused).toMatchObject({ status: 403, videoTags: 0 });
      const again = pushTestPattern(pushUrl, 30);
      expect((await again.exited).code).not.toBe(0);
      expect(server.logs.some((line) => line.includes('"verdict":"ended"'))).toBe(true);
    } finally {
      await push.stop();
    }
  });

  it("refuses a validly signed push to a stream biz has not started (SCHEDULED) or has ended", async () => {
    await expectPushRefused(server, randomUUID(), "not-live");
    const ended = randomUUID();
    await startStream(ended);
    await publishLiveEnded(ended);
    const learnt = (lines: string[]) => lines.some((line) => line.includes(ended) && line.includes("closed"));
    expect(learnt(await eventually(async () => server.logs, learnt, 10_000))).toBe(true);
    await expectPushRefused(server, ended, "ended");
  });

  it("refuses every push while it cannot read biz's events (NATS unreachable): it fails closed", async () => {
    const cut = await startMediaServerProcess(keys, {
      TEST_EVENT_PREFIX: bus.prefix,
      NATS_URL: `nats://127.0.0.1:${await freePort()}`,
    });
    try {
      // Even a stream biz did start: this media server cannot know it.
      const started = randomUUID();
      await startStream(started);
      await expectPushRefused(cut, started, "state-unknown");
    } finally {
      await cut.close();
    }
  });
});
