import type { SubgraphContext } from "@health/platform/server";
import type { BizDeps } from "./deps.ts";
import type { BizLoaders } from "./loaders.ts";

export type BizContext = SubgraphContext<BizDeps, BizLoaders>;
