import type { SubgraphContext } from "@health/platform/server";
import type { TradeDeps } from "./deps.ts";
import type { TradeLoaders } from "./loaders.ts";

export type TradeContext = SubgraphContext<TradeDeps, TradeLoaders>;
