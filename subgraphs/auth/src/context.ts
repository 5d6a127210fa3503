import type { SubgraphContext } from "@health/platform/server";
import type { AuthDeps } from "./deps.ts";
import type { AuthLoaders } from "./loaders.ts";

export type AuthContext = SubgraphContext<AuthDeps, AuthLoaders>;
