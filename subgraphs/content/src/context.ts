import type { SubgraphContext } from "@health/platform/server";
import type { ContentDeps } from "./deps.ts";
import type { ContentLoaders } from "./loaders.ts";

export type ContentContext = SubgraphContext<ContentDeps, ContentLoaders>;
