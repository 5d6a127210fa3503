import { z } from "zod";
import { SUBGRAPH_PORTS, type SubgraphName } from "./subgraphPorts.ts";

export const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432";
export const LOCAL_REDIS = "redis://127.0.0.1:6379";
export const LOCAL_NATS = "nats://127.0.0.1:4222";

const url = (protocols: string[]) =>
  z
    .url({ message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}` })
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    });

/** The database URL of subgraph `name`: `DATABASE_URL_<NAME>`, else the local default `health_<name>`. */
export function databaseUrlFor(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`DATABASE_URL_${name.toUpperCase()}`] ?? `${LOCAL_POSTGRES}/health_${name}`;
}

/** Shared with the router's config: one knob for how long anything waits on Redis. */
export const redisCommandTimeoutMs = z.coerce.number().int().min(10).max(10_000).default(250);

const secret = z.string().min(1, { message: "must not be empty; unset it instead" }).optional();

/** Optional NATS credentials (none: anonymous, as on a developer machine); `natsAuthOptions` checks the combination. */
export const natsCredentialsShape = {
  NATS_USER: secret,
  NATS_PASSWORD: secret,
  NATS_TOKEN: secret,
  NATS_CREDS: secret,
};

/**
 * What every subgraph process reads from the environment. Defaults work on a developer machine
 * with Postgres, Redis and NATS on their standard local ports and auth on 4001.
 */
export function subgraphConfigSchema(name: SubgraphName) {
  return z.object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(SUBGRAPH_PORTS[name]),
    DATABASE_URL: url(["postgresql", "postgres"]).default(databaseUrlFor(name)),
    REDIS_URL: url(["redis", "rediss"]).default(LOCAL_REDIS),
    /** How long a command may wait on Redis before the process goes on without it (README, "When Redis is down"). */
    REDIS_COMMAND_TIMEOUT_MS: redisCommandTimeoutMs,
    NATS_URL: url(["nats", "tls"]).default(LOCAL_NATS),
    ...natsCredentialsShape,
    /** JetStream replicas of the streams a subgraph creates (EVENTS, its dead letters, exports, ai's tasks): 3 in a cluster. */
    NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
    AUTH_JWKS_URL: z.url().default("http://127.0.0.1:4001/.well-known/jwks.json"),
    JWT_ISSUER: z.string().min(1).default("health-auth"),
    JWT_AUDIENCE: z.string().min(1).default("health-platform"),
    /**
     * `wake` (default): the outbox relay wakes on this process's writes and otherwise sleeps 30 s.
     * `poll`: every 10 ms, the relay as it was before; kept to compare the two (`npm run bench:idle`).
     */
    OUTBOX_RELAY_MODE: z.enum(["wake", "poll"]).default("wake"),
  });
}

export type SubgraphConfig = z.infer<ReturnType<typeof subgraphConfigSchema>>;
