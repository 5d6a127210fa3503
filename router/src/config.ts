import { z } from "zod";

export const routerConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  SUPERGRAPH_PATH: z.string().default("schema/supergraph.graphql"),
  REDIS_URL: z.url().default("redis://127.0.0.1:6379"),
  AUTH_JWKS_URL: z.url().default("http://127.0.0.1:4001/.well-known/jwks.json"),
  JWT_ISSUER: z.string().min(1).default("health-auth"),
  JWT_AUDIENCE: z.string().min(1).default("health-platform"),
});

export type RouterConfig = z.infer<typeof routerConfigSchema>;

/**
 * Subgraph URL overrides: `SUBGRAPH_URL_<NAME>` (name upper-cased, `-` as `_`) replaces the URL the
 * supergraph file names for that subgraph, e.g. `SUBGRAPH_URL_AUTH=http://auth:4001/graphql`.
 */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith("SUBGRAPH_URL_") && value) overrides[key.slice("SUBGRAPH_URL_".length)] = value;
  }
  return overrides;
}

export const overrideKey = (subgraphName: string): string => subgraphName.toUpperCase().replace(/-/g, "_");
