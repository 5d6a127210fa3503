// Child process of `npm run bench:live`: the router alone, configured as router/src/main.ts configures
// it (token verification against auth's JWKS, session revocation and rate limits in Redis, operation
// limits, trusted documents, partner keys), in front of the subgraphs that platformChild.ts runs. Its
// own process, so its memory and CPU are the router's alone. Talks to the parent over IPC.
import { join } from "node:path";
import {
  createRouterSigner,
  createTokenVerifier,
  isSessionRevoked,
  parseRouterPrivateKey,
} from "@health/platform/auth";
import { createLogger } from "@health/platform/logging";
import { createRedis } from "@health/platform/redis";
import { createRouter } from "../../router/src/createRouter.ts";
import { createApiKeyVerifier } from "../../router/src/partners/apiKeyVerifier.ts";
import { establishedTo, type ProcessMemory, processMemory } from "./processMemory.ts";

export type RouterRequest =
  | {
      type: "start";
      id: number;
      supergraphSdl: string;
      jwksUrl: string;
      authUrl: string;
      redisKeyPrefix: string;
      routerSigningKey: string;
    }
  | { type: "memory"; id: number }
  | { type: "close"; id: number };

export type RouterReport =
  | { type: "ready" }
  | { type: "started"; id: number; url: string }
  | { type: "memory"; id: number; memory: ProcessMemory & { sockets: number } }
  | { type: "closed"; id: number };

/** The bench forks its children in the repository's root (and runs this file compiled, from elsewhere). */
const REPOSITORY = process.cwd();
/** The bench fires thousands of requests a second from one address and a thousand users. */
const ROOMY_RATE_LIMITS = {
  perIpPerMinute: 100_000_000,
  perUserPerMinute: 100_000_000,
  credentialAttemptsPerIpPerMinute: 100_000_000,
};

/** Thousands of subscribers connect from this one address. */
const ROOMY_SOCKET_LIMITS = {
  connectionsPerIp: 1_000_000,
  connectionsPerUser: 1_000,
  subscriptionsPerConnection: 1_000,
  subscriptionsPerUser: 1_000,
};

const send = (message: RouterReport) => process.send!(message);

async function main() {
  let close: (() => Promise<void>) | null = null;
  let port = 0;
  process.on("message", async (message: RouterRequest) => {
    if (message.type === "start") {
      const redis = createRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", {
        keyPrefix: message.redisKeyPrefix,
      });
      const signer = createRouterSigner(parseRouterPrivateKey(message.routerSigningKey));
      const router = await createRouter({
        supergraphSdl: message.supergraphSdl,
        verifier: createTokenVerifier({
          jwksUrl: message.jwksUrl,
          issuer: "health-auth",
          audience: "health-platform",
        }),
        logger: createLogger("router", process.env.LOG_LEVEL ?? "silent"),
        signer,
        isSessionRevoked: (sessionId) => isSessionRevoked(redis, sessionId),
        redis,
        rateLimits: ROOMY_RATE_LIMITS,
        socketLimits: ROOMY_SOCKET_LIMITS,
        persistedDocuments: {
          source: {
            manifestPath: join(REPOSITORY, "schema/persisted-documents.json"),
            partnerOperationsDir: join(REPOSITORY, "schema/operations/partner"),
          },
          mode: "allow",
        },
        apiKeys: createApiKeyVerifier({ authUrl: message.authUrl, redis, signer }),
      });
      const url = await router.listen(0);
      port = Number(new URL(url).port);
      close = async () => {
        await router.close();
        redis.disconnect();
      };
      send({ type: "started", id: message.id, url });
    } else if (message.type === "memory") {
      send({
        type: "memory",
        id: message.id,
        memory: { ...(await processMemory()), sockets: establishedTo(port) },
      });
    } else if (message.type === "close") {
      await close?.();
      send({ type: "closed", id: message.id });
      process.disconnect();
      setTimeout(() => process.exit(0), 200).unref();
    }
  });
  send({ type: "ready" });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
