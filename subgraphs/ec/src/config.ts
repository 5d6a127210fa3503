import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const ecConfigSchema = subgraphConfigSchema("ec");

export type EcConfig = z.infer<typeof ecConfigSchema>;
