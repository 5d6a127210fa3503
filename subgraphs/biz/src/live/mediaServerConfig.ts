import { tmpdir } from "node:os";
import { join } from "node:path";
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
    /** node-media-server's own bookkeeping (stream history); nothing is recorded. Default: a temp folder. */
    MEDIA_DATA_DIR: z.string().min(1).default(join(tmpdir(), "health-media-server")),
  })
  .superRefine(checkLiveKeys);

export type MediaServerConfig = z.infer<typeof mediaServerConfigSchema>;
