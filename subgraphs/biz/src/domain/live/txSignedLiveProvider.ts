import type { LivePlayUrls, LiveProvider, SignedUrl } from "./provider.ts";
import { signStream } from "./txSecret.ts";

/** Where and how a Tencent-scheme live engine is addressed and signed for. */
export interface TxSignedLiveProviderOptions {
  /** For logs: which engine this is ("local-media-server", "tencent-css"). */
  name: string;
  /** The push origin, e.g. rtmp://127.0.0.1:1935 (local) or rtmp://push.example.com (Tencent's push domain). */
  pushBase: string;
  /** The RTMP play origin, e.g. rtmp://127.0.0.1:1935 or rtmp://play.example.com. */
  playRtmpBase: string;
  /** The HTTP-FLV play origin, e.g. http://127.0.0.1:8000 or https://play.example.com. */
  playHttpBase: string;
  /** The AppName path segment (Tencent's default: "live"). */
  appName: string;
  pushKey: string;
  playKey: string;
  pushTtlSeconds: number;
  playTtlSeconds: number;
}

const trimmed = (base: string) => base.replace(/\/+$/, "");

/**
 * URLs in Tencent Cloud Live's form, `<base>/<AppName>/<StreamName>[.flv]?txSecret=..&txTime=..`,
 * signed by `txSecret.ts`. The local media server checks exactly this scheme, so the same provider
 * serves the local engine and (with Tencent's domains and keys) Tencent's (subgraphs/biz/README.md).
 */
export function txSignedLiveProvider(options: TxSignedLiveProviderOptions): LiveProvider {
  const signed = (base: string, streamName: string, suffix: string, key: string, expiresAt: Date) => {
    const { txSecret, txTime } = signStream(key, streamName, expiresAt);
    const path = `${trimmed(base)}/${options.appName}/${encodeURIComponent(streamName)}${suffix}`;
    return `${path}?txSecret=${txSecret}&txTime=${txTime}`;
  };
  // txTime carries whole seconds: the expiry said is the one the signature holds.
  const expiry = (now: Date, ttlSeconds: number) =>
    new Date((Math.floor(now.getTime() / 1000) + ttlSeconds) * 1000);
  return {
    name: options.name,
    pushUrl(streamName: string, now: Date): SignedUrl {
      const expiresAt = expiry(now, options.pushTtlSeconds);
      return { url: signed(options.pushBase, streamName, "", options.pushKey, expiresAt), expiresAt };
    },
    playUrls(streamName: string, now: Date): LivePlayUrls {
      const expiresAt = expiry(now, options.playTtlSeconds);
      return {
        rtmp: signed(options.playRtmpBase, streamName, "", options.playKey, expiresAt),
        flv: signed(options.playHttpBase, streamName, ".flv", options.playKey, expiresAt),
        expiresAt,
      };
    },
  };
}
