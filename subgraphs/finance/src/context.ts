import type { SubgraphContext } from "@health/platform/server";
import type { FinanceDeps } from "./deps.ts";
import type { FinanceLoaders } from "./loaders.ts";

export type FinanceContext = SubgraphContext<FinanceDeps, FinanceLoaders>;
