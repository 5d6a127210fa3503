import type { SubgraphContext } from "@health/platform/server";
import type { OpsDeps } from "./deps.ts";
import type { OpsLoaders } from "./loaders.ts";

export type OpsContext = SubgraphContext<OpsDeps, OpsLoaders>;
