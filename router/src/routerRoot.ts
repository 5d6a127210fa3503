import { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * The router package's folder, found through the workspace link rather than `import.meta`, so it is the
 * same whether the router runs from its TypeScript source or from the bundle in `router/dist`.
 */
export const ROUTER_ROOT = dirname(createRequire(import.meta.url).resolve("@health/router/package.json"));
