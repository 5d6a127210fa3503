import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const opsConfigSchema = subgraphConfigSchema("ops");

export type OpsConfig = z.infer<typeof opsConfigSchema>;
