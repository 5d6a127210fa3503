import { connectInfrastructure } from "@health/platform/server";
import type { AuthConfig } from "./config.ts";
import type { AuthDeps } from "./deps.ts";
import { SigningKeyStore } from "./domain/signingKeys.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

/** Opens the auth subgraph's connections and makes sure a signing key exists. */
export async function connectAuth(
  config: AuthConfig,
  options: { redisKeyPrefix?: string } = {},
): Promise<{ deps: AuthDeps; close(): Promise<void> }> {
  const infra = await connectInfrastructure("auth", PrismaClient, config, options);
  const keys = new SigningKeyStore(infra.db);
  await keys.ensureActive();
  return { deps: { ...infra, keys, config }, close: infra.close };
}
