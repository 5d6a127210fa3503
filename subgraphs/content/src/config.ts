import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const contentConfigSchema = subgraphConfigSchema("content");

export type ContentConfig = z.infer<typeof contentConfigSchema>;
