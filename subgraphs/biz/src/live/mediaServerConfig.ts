import { tmpdir } from "node:os";
import { join } from "node:path";
import { LOCAL_NATS, natsCredentialsShape } from "@health/platform/config";
import { z } from "zod";
import { checkLiveKeys, liveKeysShape } from "./liveKeys.ts";

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** The media server process's environment (mediaServerMain.ts); the keys are the ones biz signs with. */
export const mediaServerConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    ...liveKeysShape,
    /** RTMP: hosts push, viewers may play. Default 1935. */
    MEDIA_RTMP_PORT: port(1935),
    /** HTTP-FLV playback. Default 8000. */
    MEDIA_HTTP_PORT: port(8000),
    /** /health, /ready and /metrics (PORT, as every process's health port). Default 8001. */
    PORT: port(8001),
    /** The address every listener binds. Default 127.0.0.1 (a container sets 0.0.0.0). */
    MEDIA_BIND: z.string().min(1).default("127.0.0.1"),
    /** Where live_started and live_ended arrive from (biz's outbox relay): pushes only to live streams. */
    NATS_URL: z.url().default(LOCAL_NATS),
    ...natsCredentialsShape,
    /**
     * How far back live_started and live_ended are read at start-up, and how long each is remembered: at
     * least biz's longest push TTL. Default 7 days (that maximum).
     */
    MEDIA_ENDED_LOOKBACK_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 24 * 3600)
      .default(7 * 24 * 3600),
    /** Tests only: the events stream and subjects of a test's own (as the subgraphs' test isolation). */
    TEST_EVENT_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    /** node-media-server's own bookkeeping (stream history); nothing is recorded. Default: a temp folder. */
    MEDIA_DATA_DIR: z.string().min(1).default(join(tmpdir(), "health-media-server")),
  })
  .superRefine(checkLiveKeys);

export type MediaServerConfig = z.infer<typeof mediaServerConfigSchema>;
