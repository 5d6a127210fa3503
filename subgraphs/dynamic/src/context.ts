import type { SubgraphContext } from "@health/platform/server";
import type { DynamicDeps } from "./deps.ts";
import type { DynamicLoaders } from "./loaders.ts";

export type DynamicContext = SubgraphContext<DynamicDeps, DynamicLoaders>;
