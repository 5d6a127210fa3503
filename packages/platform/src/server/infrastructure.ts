import type { Redis } from "ioredis";
import type { NatsConnection } from "nats";
import type { Registry } from "prom-client";
import type { SubgraphConfig } from "../config/serviceConfig.ts";
import { connectNats } from "../nats/connectNats.ts";
import type { NatsCredentials } from "../nats/natsAuth.ts";
import { createPrismaClient, type PrismaClientClass } from "../prisma/createPrismaClient.ts";
import { createRedis } from "../redis/createRedis.ts";
import { natsCheck, postgresCheck, type ReadinessCheck, redisCheck } from "./readiness.ts";

/** The connections every subgraph holds: its own database, Redis and NATS. */
export interface Infrastructure<TDb> {
  db: TDb;
  redis: Redis;
  nats: NatsConnection;
}

type Disconnectable = { $disconnect(): Promise<void>; $queryRawUnsafe(sql: string): Promise<unknown> };

export async function connectInfrastructure<TDb extends Disconnectable>(
  name: string,
  Client: PrismaClientClass<TDb>,
  config: Pick<SubgraphConfig, "DATABASE_URL" | "REDIS_URL" | "REDIS_COMMAND_TIMEOUT_MS" | "NATS_URL"> &
    NatsCredentials,
  options: { redisKeyPrefix?: string; metrics?: Registry } = {},
): Promise<Infrastructure<TDb> & { close(): Promise<void> }> {
  const db = createPrismaClient(Client, config.DATABASE_URL, { metrics: options.metrics });
  const redis = createRedis(config.REDIS_URL, {
    keyPrefix: options.redisKeyPrefix,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  });
  const nats = await connectNats(config.NATS_URL, name, config);
  return {
    db,
    redis,
    nats,
    close: async () => {
      await nats.drain().catch(() => undefined);
      redis.disconnect();
      await db.$disconnect();
    },
  };
}

export const infrastructureChecks = <TDb extends Disconnectable>(
  infra: Infrastructure<TDb>,
): ReadinessCheck[] => [postgresCheck(infra.db), redisCheck(infra.redis), natsCheck(infra.nats)];
