import type { Actor } from "@health/platform/auth";
import { describe, expect, it } from "vitest";
import { txSecretOf } from "../src/domain/live/txSecret.ts";
import { txSignedLiveProvider } from "../src/domain/live/txSignedLiveProvider.ts";
import { playUrlsFor, pushUrlFor } from "../src/domain/live/urls.ts";
import { gateVerdict } from "../src/live/sessionGate.ts";

const keys = { pushKey: "push-key-0123456789abcdef", playKey: "play-key-0123456789abcdef" };
const live = txSignedLiveProvider({
  name: "test",
  pushBase: "rtmp://push.example.com/",
  playRtmpBase: "rtmp://play.example.com",
  playHttpBase: "https://play.example.com",
  appName: "live",
  ...keys,
  pushTtlSeconds: 86_400,
  playTtlSeconds: 7_200,
});
const now = new Date("2026-12-07T15:00:00.400Z");
const stream = "6f1d2c3b-0000-4000-8000-000000000001";
const queryOf = (url: string) => Object.fromEntries(new URL(url.replace(/^rtmp:/, "http:")).searchParams);

describe("txSignedLiveProvider", () => {
  it("signs the push URL with the push key, expiring after the push TTL (whole seconds)", () => {
    const push = live.pushUrl(stream, now);
    expect(push.expiresAt).toEqual(new Date("2026-12-08T15:00:00.000Z"));
    const txTime = (push.expiresAt.getTime() / 1000).toString(16).toUpperCase();
    expect(push.url).toBe(
      `rtmp://push.example.com/live/${stream}?txSecret=${txSecretOf(keys.pushKey, stream, txTime)}&txTime=${txTime}`,
    );
  });

  it("signs RTMP and HTTP-FLV play URLs with the play key, expiring after the play TTL", () => {
    const play = live.playUrls(stream, now);
    expect(play.expiresAt).toEqual(new Date("2026-12-07T17:00:00.000Z"));
    const txTime = (play.expiresAt.getTime() / 1000).toString(16).toUpperCase();
    const query = `txSecret=${txSecretOf(keys.playKey, stream, txTime)}&txTime=${txTime}`;
    expect(play.rtmp).toBe(`rtmp://play.example.com/live/${stream}?${query}`);
    expect(play.flv).toBe(`https://play.example.com/live/${stream}.flv?${query}`);
  });

  it("makes URLs the media server's gate admits, each for its own purpose only", () => {
    const gateKeys = { appName: "live", ...keys };
    const push = queryOf(live.pushUrl(stream, now).url);
    const play = queryOf(live.playUrls(stream, now).flv);
    expect(gateVerdict(gateKeys, { kind: "push", app: "live", streamName: stream, query: push }, now)).toBe(
      "ok",
    );
    expect(gateVerdict(gateKeys, { kind: "play", app: "live", streamName: stream, query: play }, now)).toBe(
      "ok",
    );
    // A viewer's play URL never signs a push, nor a push URL a play.
    expect(gateVerdict(gateKeys, { kind: "push", app: "live", streamName: stream, query: play }, now)).toBe(
      "forged",
    );
    expect(gateVerdict(gateKeys, { kind: "play", app: "live", streamName: stream, query: push }, now)).toBe(
      "forged",
    );
    expect(gateVerdict(gateKeys, { kind: "push", app: "other", streamName: stream, query: push }, now)).toBe(
      "wrong-app",
    );
  });
});

describe("who gets which URL", () => {
  const actor = (userId: string, roles: Actor["roles"]): Actor => ({
    userId,
    roles,
    sessionId: "s",
    token: "t",
    expiresAt: new Date(now.getTime() + 60_000),
  });
  const host = actor("host", ["user", "coach"]);
  const viewer = actor("viewer", ["user"]);
  const facts = (status: "SCHEDULED" | "LIVE" | "ENDED") => ({ id: stream, hostId: "host", status });

  it("gives the push URL to the host only, until the stream has ended", () => {
    expect(pushUrlFor(live, host, facts("SCHEDULED"), now)).toMatch(/^rtmp:\/\/push\.example\.com\/live\//);
    expect(pushUrlFor(live, host, facts("LIVE"), now)).not.toBeNull();
    expect(pushUrlFor(live, viewer, facts("LIVE"), now)).toBeNull();
    expect(pushUrlFor(live, null, facts("LIVE"), now)).toBeNull();
    expect(pushUrlFor(live, host, facts("ENDED"), now)).toBeNull();
  });

  it("gives play URLs to anyone who sees the stream, until it has ended", () => {
    expect(playUrlsFor(live, facts("LIVE"), now)?.flv).toMatch(/\.flv\?txSecret=/);
    expect(playUrlsFor(live, facts("SCHEDULED"), now)).not.toBeNull();
    expect(playUrlsFor(live, facts("ENDED"), now)).toBeNull();
  });
});
