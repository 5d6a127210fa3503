import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const bizConfigSchema = subgraphConfigSchema("biz").extend({
  /**
   * Seconds a viewer waits between two chat messages in a room whose host set no slow mode (default 3;
   * 0 turns it off).
   */
  CHAT_SLOW_MODE_SECONDS: z.coerce.number().int().min(0).max(3600).default(3),
  /** How often `liveChat` carries the room's viewer count when it changed (default 15 s). */
  CHAT_VIEWER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
});

export type BizConfig = z.infer<typeof bizConfigSchema>;
