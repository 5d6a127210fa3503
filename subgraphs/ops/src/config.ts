import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const opsConfigSchema = subgraphConfigSchema("ops").extend({
  /** Notifications (M17): recipients per fan-out batch, one transaction each (default 200). */
  NOTIFICATION_FANOUT_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(200),
  /** Notifications (M17): how often sends another instance left unfinished are taken over (default 30 s). */
  NOTIFICATION_SEND_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

export type OpsConfig = z.infer<typeof opsConfigSchema>;
