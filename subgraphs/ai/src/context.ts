import type { SubgraphContext } from "@health/platform/server";
import type { AiDeps } from "./deps.ts";
import type { AiLoaders } from "./loaders.ts";

export type AiContext = SubgraphContext<AiDeps, AiLoaders>;
