import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const aiConfigSchema = subgraphConfigSchema("ai");

export type AiConfig = z.infer<typeof aiConfigSchema>;
