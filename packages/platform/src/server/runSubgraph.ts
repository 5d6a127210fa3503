import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { z } from "zod";
import { createRouterSignatureVerifier } from "../auth/routerSignature.ts";
import { isSessionRevoked } from "../auth/sessionRevocation.ts";
import { createTokenVerifier } from "../auth/tokenVerifier.ts";
import { ConfigError, loadConfig } from "../config/loadConfig.ts";
import type { SubgraphConfig } from "../config/serviceConfig.ts";
import { type SubgraphServerConfig, subgraphServerConfigSchema } from "../config/subgraphServerConfig.ts";
import { createLogger } from "../logging/logger.ts";
import { startTracing } from "../tracing/startTracing.ts";
import { type TracingConfig, tracingConfigSchema, tracingSettings } from "../tracing/tracingConfig.ts";
import { createSubgraphServer } from "./createSubgraphServer.ts";
import type { Infrastructure } from "./infrastructure.ts";
import { createProcessMetrics } from "./metrics.ts";
import { shutdownOnSignal } from "./shutdownOnSignal.ts";
import type { SubgraphDefinition } from "./subgraphDefinition.ts";

/** Every subgraph's deps hold its Redis (`Infrastructure`), where auth records signed-out sessions. */
type WithRedis = Pick<Infrastructure<unknown>, "redis">;

export interface RunSubgraphOptions<TConfig extends SubgraphConfig, TDeps extends WithRedis, TLoaders> {
  definition: SubgraphDefinition<TDeps, TLoaders>;
  configSchema: z.ZodType<TConfig>;
  /**
   * Opens the subgraph's connections; `close` releases them at shutdown. `logger` and `metrics` are the
   * process's own, so an event relay or consumer started here logs and reports on `/metrics` with it.
   */
  connect(
    config: TConfig,
    process: { logger: Logger; metrics: Registry },
  ): Promise<{ deps: TDeps; close(): Promise<void> }>;
}

/** What every subgraph's `main.ts` does: load config, connect, serve, and shut down in reverse on a signal. */
export async function runSubgraph<TConfig extends SubgraphConfig, TDeps extends WithRedis, TLoaders>(
  options: RunSubgraphOptions<TConfig, TDeps, TLoaders>,
): Promise<void> {
  const logger = createLogger(options.definition.name);
  let config: TConfig & SubgraphServerConfig & TracingConfig;
  try {
    config = loadConfig(
      z.intersection(options.configSchema, z.intersection(subgraphServerConfigSchema, tracingConfigSchema)),
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${options.definition.name}: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  // Before anything connects, so that every span of the process goes to the configured collector.
  const tracing = startTracing(tracingSettings(config, options.definition.name));
  const metrics = createProcessMetrics(options.definition.name);
  const { deps, close } = await options.connect(config, { logger, metrics: metrics.registry });
  const server = await createSubgraphServer({
    metrics,
    definition: options.definition,
    deps,
    logger,
    production: config.NODE_ENV === "production",
    verifier: createTokenVerifier({
      jwksUrl: config.AUTH_JWKS_URL,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
    }),
    routerSignature: createRouterSignatureVerifier(config.ROUTER_PUBLIC_KEYS),
    isSessionRevoked: (sessionId) => isSessionRevoked(deps.redis, sessionId),
    trustedProxies: config.TRUSTED_PROXIES,
  });
  const url = await server.listen(config.PORT, config.HOST);
  logger.info({ url }, `${options.definition.name} subgraph ready`);

  shutdownOnSignal(async () => {
    await server.close();
    await close();
    await tracing.shutdown();
  }, logger);
}
