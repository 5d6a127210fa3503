import type { SubgraphContext } from "@health/platform/server";
import type { UserDeps } from "./deps.ts";
import type { UserLoaders } from "./loaders.ts";

export type UserContext = SubgraphContext<UserDeps, UserLoaders>;
