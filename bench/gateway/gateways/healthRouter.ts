import { join } from "node:path";
import { createTokenVerifier } from "@health/platform/auth";
import { createLogger } from "@health/platform/logging";
import { createRedis } from "@health/platform/redis";
import { createRouter, type RouterOptions } from "../../../router/src/createRouter.ts";
import { DEFAULT_OPERATION_LIMITS } from "../../../router/src/limits/operationLimits.ts";
import { createApiKeyVerifier } from "../../../router/src/partners/apiKeyVerifier.ts";
import type { StartedGateway } from "./startedGateway.ts";

export type RouterVariant = "on" | "off" | "no-dedupe";

const REPOSITORY = join(import.meta.dirname, "../../..");

/**
 * The two option sets the bench compares: "on" is how `router/src/main.ts` runs it in production
 * (limits, Redis rate limits and APQ, trusted documents, partner keys, request log and metrics), with
 * bench-only loosenings that keep every check running: trusted documents in `allow` mode (the bench's
 * query is not in the manifest), rate limits too high to trip from one address, and a cost limit that
 * admits the nested query (its estimate exceeds the default). "off" turns every switchable check off,
 * and the per-operation log line and metrics.
 * "no-dedupe" is "on" without in-flight deduplication of subgraph requests.
 */
export function routerOptionsFor(
  variant: RouterVariant,
  base: Pick<RouterOptions, "supergraphSdl" | "verifier" | "logger">,
): RouterOptions {
  if (variant === "off") return { ...base, limits: false, rateLimits: false, observability: false };
  const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return {
    ...base,
    production: true,
    redis,
    apiKeys: createApiKeyVerifier({ authUrl: "http://127.0.0.1:9", redis }),
    limits: { ...DEFAULT_OPERATION_LIMITS, maxCost: 1_000_000 },
    rateLimits: {
      perIpPerMinute: 100_000_000,
      perUserPerMinute: 100_000_000,
      credentialAttemptsPerIpPerMinute: 100_000_000,
    },
    persistedDocuments: {
      source: {
        manifestPath: join(REPOSITORY, "schema/persisted-documents.json"),
        partnerOperationsDir: join(REPOSITORY, "schema/operations/partner"),
      },
      mode: "allow",
    },
    dedupeSubgraphRequests: variant !== "no-dedupe",
  };
}

/** Our router over the bench supergraph. The bench sends no token, so the verifier is never asked. */
export async function startHealthRouter(
  supergraphSdl: string,
  variant: RouterVariant,
): Promise<StartedGateway> {
  const options = routerOptionsFor(variant, {
    supergraphSdl,
    verifier: createTokenVerifier({
      jwksUrl: "http://127.0.0.1:9/.well-known/jwks.json",
      issuer: "health-auth",
      audience: "health-platform",
    }),
    logger: createLogger("router"),
  });
  const router = await createRouter(options);
  const url = await router.listen(0);
  return {
    url,
    close: async () => {
      await router.close();
      options.redis?.disconnect();
    },
  };
}
