import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const userConfigSchema = subgraphConfigSchema("user");

export type UserConfig = z.infer<typeof userConfigSchema>;
