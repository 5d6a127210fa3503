import { z } from "zod";

// The push and play keys are shared by biz (which signs URLs) and the media server (which checks them),
// so both processes read them from the same variables through this one definition.

/** Development keys: refused in production, where keys of your own must be set. */
export const DEV_LIVE_PUSH_KEY = "dev-only-live-push-key";
export const DEV_LIVE_PLAY_KEY = "dev-only-live-play-key";

export const liveKeysShape = {
  /** Signs push URLs (Tencent: the push domain's authentication key). At least 16 characters. */
  LIVE_PUSH_KEY: z.string().min(16).default(DEV_LIVE_PUSH_KEY),
  /** Signs play URLs (Tencent: the play domain's key). At least 16 characters, not the push key. */
  LIVE_PLAY_KEY: z.string().min(16).default(DEV_LIVE_PLAY_KEY),
  /** The AppName path segment of every URL (Tencent's default "live"). */
  LIVE_APP_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "must be 1–64 letters, digits, _ or -" })
    .default("live"),
};

interface LiveKeys {
  NODE_ENV: string;
  LIVE_PUSH_KEY: string;
  LIVE_PLAY_KEY: string;
}

/** A zod refinement: distinct keys, and none of the development ones in production. */
export function checkLiveKeys(config: LiveKeys, ctx: z.RefinementCtx): void {
  if (config.LIVE_PUSH_KEY === config.LIVE_PLAY_KEY) {
    ctx.addIssue({
      code: "custom",
      path: ["LIVE_PLAY_KEY"],
      message: "must differ from LIVE_PUSH_KEY (a viewer's URL must never sign a push)",
    });
  }
  if (config.NODE_ENV !== "production") return;
  for (const [name, dev] of [
    ["LIVE_PUSH_KEY", DEV_LIVE_PUSH_KEY],
    ["LIVE_PLAY_KEY", DEV_LIVE_PLAY_KEY],
  ] as const) {
    if (config[name] === dev) {
      ctx.addIssue({
        code: "custom",
        path: [name],
        message: "must be set to a key of your own in production (the default is for development)",
      });
    }
  }
}
