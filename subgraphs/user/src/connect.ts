import { connectInfrastructure } from "@health/platform/server";
import type { UserConfig } from "./config.ts";
import type { UserDeps } from "./deps.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the user subgraph's connections: its database, Redis and NATS. */
export async function connectUser(
  config: UserConfig,
  options: { redisKeyPrefix?: string } = {},
): Promise<{ deps: UserDeps; close(): Promise<void> }> {
  const { close, ...deps } = await connectInfrastructure("user", PrismaClient, config, options);
  return { deps, close };
}
