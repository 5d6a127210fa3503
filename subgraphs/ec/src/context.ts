import type { SubgraphContext } from "@health/platform/server";
import type { EcDeps } from "./deps.ts";
import type { EcLoaders } from "./loaders.ts";

export type EcContext = SubgraphContext<EcDeps, EcLoaders>;
