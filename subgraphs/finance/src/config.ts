import { subgraphConfigSchema } from "@health/platform/config";
import type { z } from "zod";

export const financeConfigSchema = subgraphConfigSchema("finance");

export type FinanceConfig = z.infer<typeof financeConfigSchema>;
