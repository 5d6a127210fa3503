import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";
import type { TxSignedLiveProviderOptions } from "./domain/live/txSignedLiveProvider.ts";
import { checkLiveKeys, liveKeysShape } from "./live/liveKeys.ts";

const origin = (protocols: string[]) =>
  z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
    message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}`,
  });

export const bizConfigSchema = subgraphConfigSchema("biz")
  .extend({
    /** How long finance has to take a paid group's price before the membership fails (default 15 min). */
    COMMUNITY_PAYMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
    /** How often memberships whose payment timed out are failed (default 30 s). */
    COMMUNITY_PAYMENT_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /**
     * Seconds a viewer waits between two chat messages in a room whose host set no slow mode (default 3;
     * 0 turns it off).
     */
    CHAT_SLOW_MODE_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
    /** How often `liveChat` carries the room's viewer count when it changed (default 15 s). */
    CHAT_VIEWER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
    ...liveKeysShape,
    /** Where hosts push (the local media server by default; Tencent: rtmp://<push domain>). */
    LIVE_PUSH_URL: origin(["rtmp", "rtmps"]).default("rtmp://127.0.0.1:1935"),
    /** Where viewers play over RTMP. */
    LIVE_PLAY_RTMP_URL: origin(["rtmp", "rtmps"]).default("rtmp://127.0.0.1:1935"),
    /** Where viewers play over HTTP-FLV. */
    LIVE_PLAY_HTTP_URL: origin(["http", "https"]).default("http://127.0.0.1:8000"),
    /** How long a push URL stays valid. Default 24 h (Tencent's advice: a host whose link drops must be able to resume). */
    LIVE_PUSH_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 24 * 3600)
      .default(24 * 3600),
    /** How long play URLs stay valid. Default 2 h. */
    LIVE_PLAY_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(24 * 3600)
      .default(2 * 3600),
  })
  .superRefine(checkLiveKeys);

export type BizConfig = z.infer<typeof bizConfigSchema>;

/** The live provider's settings as the config sets them (Tencent's URL scheme; the local media server by default). */
export const liveProviderOptionsOf = (config: BizConfig): TxSignedLiveProviderOptions => ({
  name: "tx-signed",
  pushBase: config.LIVE_PUSH_URL,
  playRtmpBase: config.LIVE_PLAY_RTMP_URL,
  playHttpBase: config.LIVE_PLAY_HTTP_URL,
  appName: config.LIVE_APP_NAME,
  pushKey: config.LIVE_PUSH_KEY,
  playKey: config.LIVE_PLAY_KEY,
  pushTtlSeconds: config.LIVE_PUSH_TTL_SECONDS,
  playTtlSeconds: config.LIVE_PLAY_TTL_SECONDS,
});
