import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createRouterSigner, createTokenVerifier, isSessionRevoked } from "@health/platform/auth";
import { ConfigError, loadConfig } from "@health/platform/config";
import { createLogger } from "@health/platform/logging";
import { createRedis } from "@health/platform/redis";
import { shutdownOnSignal } from "@health/platform/server";
import { startTracing, tracingSettings } from "@health/platform/tracing";
import {
  internalPortOf,
  operationLimitsOf,
  rateLimitsOf,
  routerConfigSchema,
  socketLimitsOf,
  subgraphFailuresOf,
  subgraphUrlOverrides,
  trustedDocumentsModeOf,
} from "./config.ts";
import { createRouter } from "./createRouter.ts";
import { createApiKeyVerifier } from "./partners/apiKeyVerifier.ts";
import { ROUTER_ROOT } from "./routerRoot.ts";

const logger = createLogger("router");
let config: ReturnType<typeof loadConfig<typeof routerConfigSchema>>;
let subgraphFailures: ReturnType<typeof subgraphFailuresOf>;
try {
  config = loadConfig(routerConfigSchema);
  subgraphFailures = subgraphFailuresOf(config);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`router: ${error.message}`);
  process.exit(1);
}

const tracing = startTracing(tracingSettings(config, "router"));

// Relative to the repository root, where `npm start` runs.
const fromRoot = (path: string) => resolve(ROUTER_ROOT, "..", path);
const supergraphPath = fromRoot(config.SUPERGRAPH_PATH);
const redis = createRedis(config.REDIS_URL, { commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS });
const signer = createRouterSigner(config.ROUTER_SIGNING_KEY);
const router = await createRouter({
  supergraphSdl: readFileSync(supergraphPath, "utf8"),
  verifier: createTokenVerifier({
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  }),
  logger,
  signer,
  urlOverrides: subgraphUrlOverrides(),
  isSessionRevoked: (sessionId) => isSessionRevoked(redis, sessionId),
  production: config.NODE_ENV === "production",
  redis,
  limits: operationLimitsOf(config),
  rateLimits: rateLimitsOf(config),
  socketLimits: socketLimitsOf(config),
  subgraphFailures,
  persistedDocuments: {
    source: {
      manifestPath: fromRoot(config.PERSISTED_DOCUMENTS_PATH),
      partnerOperationsDir: fromRoot(config.PARTNER_OPERATIONS_DIR),
    },
    mode: trustedDocumentsModeOf(config),
  },
  apiKeys: createApiKeyVerifier({ authUrl: config.AUTH_URL, redis, signer }),
});
const url = await router.listen(config.PORT, config.HOST);
const internal = await router.listenInternal(internalPortOf(config), config.INTERNAL_HOST);
logger.info({ url, internal, supergraph: supergraphPath }, "router ready");

shutdownOnSignal(async () => {
  await router.close();
  redis.disconnect();
  await tracing.shutdown();
}, logger);
