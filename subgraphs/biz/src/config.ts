import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const bizConfigSchema = subgraphConfigSchema("biz");

export type BizConfig = z.infer<typeof bizConfigSchema>;
