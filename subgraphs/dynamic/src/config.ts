import { subgraphConfigSchema } from "@health/platform/config";
import { z } from "zod";

export const dynamicConfigSchema = subgraphConfigSchema("dynamic").extend({
  /** How long the first page of a feed stays in Redis. */
  FEED_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
});

export type DynamicConfig = z.infer<typeof dynamicConfigSchema>;
