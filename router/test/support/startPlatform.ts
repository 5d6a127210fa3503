import "reflect-metadata";
import { randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import type { EventDefinition, EventPayload } from "@health/events/define";
import { createTokenVerifier, isSessionRevoked } from "@health/platform/auth";
import { loadConfig } from "@health/platform/config";
import { busSubject } from "@health/platform/events";
import { createLogger } from "@health/platform/logging";
import type { Redis } from "@health/platform/redis";
import { composeSupergraph, printSubgraphSdl } from "@health/platform/schema";
import type { SubgraphDefinition } from "@health/platform/server";
import {
  createTestDatabase,
  createTestRouterKeys,
  deleteEventStreams,
  type StartedTestSubgraph,
  startTestSubgraph,
  type TestRouterKeys,
} from "@health/platform/testing";
import { aiConfigSchema } from "../../../subgraphs/ai/src/config.ts";
import { connectAi } from "../../../subgraphs/ai/src/connect.ts";
import { aiSubgraph } from "../../../subgraphs/ai/src/subgraph.ts";
import { authConfigSchema } from "../../../subgraphs/auth/src/config.ts";
import { connectAuth } from "../../../subgraphs/auth/src/connect.ts";
import { authSubgraph } from "../../../subgraphs/auth/src/subgraph.ts";
import { bizConfigSchema } from "../../../subgraphs/biz/src/config.ts";
import { connectBiz } from "../../../subgraphs/biz/src/connect.ts";
import { bizSubgraph } from "../../../subgraphs/biz/src/subgraph.ts";
import { contentConfigSchema } from "../../../subgraphs/content/src/config.ts";
import { connectContent } from "../../../subgraphs/content/src/connect.ts";
import { contentSubgraph } from "../../../subgraphs/content/src/subgraph.ts";
import { dynamicConfigSchema } from "../../../subgraphs/dynamic/src/config.ts";
import { connectDynamic } from "../../../subgraphs/dynamic/src/connect.ts";
import { dynamicSubgraph } from "../../../subgraphs/dynamic/src/subgraph.ts";
import { ecConfigSchema } from "../../../subgraphs/ec/src/config.ts";
import { connectEc } from "../../../subgraphs/ec/src/connect.ts";
import { ecSubgraph } from "../../../subgraphs/ec/src/subgraph.ts";
import { financeConfigSchema } from "../../../subgraphs/finance/src/config.ts";
import { connectFinance } from "../../../subgraphs/finance/src/connect.ts";
import { LOCAL_WEBHOOK_PATH } from "../../../subgraphs/finance/src/routes/paymentWebhooks.ts";
import { financeSubgraph } from "../../../subgraphs/finance/src/subgraph.ts";
import { opsConfigSchema } from "../../../subgraphs/ops/src/config.ts";
import { connectOps } from "../../../subgraphs/ops/src/connect.ts";
import { opsSubgraph } from "../../../subgraphs/ops/src/subgraph.ts";
import { tradeConfigSchema } from "../../../subgraphs/trade/src/config.ts";
import { connectTrade } from "../../../subgraphs/trade/src/connect.ts";
import { tradeSubgraph } from "../../../subgraphs/trade/src/subgraph.ts";
import { userConfigSchema } from "../../../subgraphs/user/src/config.ts";
import { connectUser } from "../../../subgraphs/user/src/connect.ts";
import { userSubgraph } from "../../../subgraphs/user/src/subgraph.ts";
import { createRouter, type RouterOptions } from "../../src/createRouter.ts";
import { createApiKeyVerifier } from "../../src/partners/apiKeyVerifier.ts";

export interface StartedPlatform {
  /** The router's GraphQL endpoint. */
  url: string;
  /** The router's internal listener (`/ready`, `/metrics`): its origin. */
  internalUrl: string;
  subgraphs: Record<string, StartedTestSubgraph>;
  /** The auth subgraph's own dependencies, for tests that must reach past the API (e.g. to make an admin). */
  authDb: Awaited<ReturnType<typeof connectAuth>>["deps"]["db"];
  authDeps: Awaited<ReturnType<typeof connectAuth>>["deps"];
  /** Another router over the same subgraphs (production mode, tight rate limits, ...); returns its endpoint. */
  startRouter(overrides?: PlatformRouterOptions): Promise<string>;
  /** As `startRouter`, with its internal listener (`/ready`, `/metrics`) too. */
  startRouterWithInternal(overrides?: PlatformRouterOptions): Promise<{ url: string; internalUrl: string }>;
  /** What another process needs to join this platform as one of its subgraphs (subgraphProcess.ts). */
  joinEnv: {
    AUTH_JWKS_URL: string;
    ROUTER_PUBLIC_KEYS: string;
    TEST_REDIS_KEY_PREFIX: string;
    TEST_EVENT_PREFIX: string;
  };
  /** The user, dynamic and trade subgraphs' databases, for a second process of one over the same data. */
  databaseUrls: { user: string; dynamic: string; trade: string; finance: string | null };
  userDb: Awaited<ReturnType<typeof connectUser>>["deps"]["db"];
  dynamicDb: Awaited<ReturnType<typeof connectDynamic>>["deps"]["db"];
  tradeDb: Awaited<ReturnType<typeof connectTrade>>["deps"]["db"];
  /** The trade subgraph's services (its sagas, for a test that times one out). */
  tradeDeps: Awaited<ReturnType<typeof connectTrade>>["deps"];
  /** The finance subgraph's database, null when it was not started (`finance: false`). */
  financeDb: Awaited<ReturnType<typeof connectFinance>>["deps"]["db"] | null;
  /** The ec subgraph's services, null unless it was started (`ec: true`). */
  ecDeps: Awaited<ReturnType<typeof connectEc>>["deps"] | null;
  /** The content subgraph's services, null unless it was started (`content: true`). */
  contentDeps: Awaited<ReturnType<typeof connectContent>>["deps"] | null;
  /** The biz subgraph's deps, null when it was not started (`biz: false`). */
  bizDeps: Awaited<ReturnType<typeof connectBiz>>["deps"] | null;
  /** The ops subgraph's deps, null unless it was started (`ops: true`). */
  opsDeps: Awaited<ReturnType<typeof connectOps>>["deps"] | null;
  /** The ai subgraph's deps, null unless it was started (`ai: true`). */
  aiDeps: Awaited<ReturnType<typeof connectAi>>["deps"] | null;
  /** Publishes an event onto this run's bus, standing in for a producer subgraph that does not exist yet. */
  /** The router's signing keys every subgraph here trusts, for tests that call a subgraph as the router would. */
  routerKeys: TestRouterKeys;
  publishEvent<E extends EventDefinition>(event: E, payload: EventPayload<E>, actorId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole supergraph in this process, as a client sees it: each subgraph on a free port over its own
 * fresh database, the supergraph composed from their SDL, and the router in front verifying tokens
 * against the auth subgraph's JWKS.
 */
export type PlatformRouterOptions = Partial<
  Pick<
    RouterOptions,
    | "limits"
    | "rateLimits"
    | "production"
    | "persistedDocuments"
    | "socketLimits"
    | "subgraphFailures"
    | "urlOverrides"
  >
>;

export interface StartPlatformOptions {
  /** Another NATS than the machine's (a test that stops and restarts its own). */
  natsUrl?: string;
  /** Another Redis than the machine's, for every subgraph and the router (a test that stops its own). */
  redisUrl?: string;
  /** Another Postgres server than the machine's for every subgraph's database (a test that stops its own). */
  postgresUrl?: string;
  /**
   * Start the finance subgraph (default true): service orders wait for it to authorize their payment,
   * and its points_awarded reaches dynamic's feed.
   */
  finance?: boolean;
  /**
   * Start the ec subgraph too (default false: only the mall's own tests pay for it). Its reservation
   * sweeper is off: tests expire reservations by calling the domain at a time of their choosing.
   */
  ec?: boolean;
  /** Start the biz subgraph too (default false: only the workbench's own tests pay for it). */
  biz?: boolean;
  /** Start the content subgraph too (default false: only the courses' own tests pay for it). */
  content?: boolean;
  /** Start the ops subgraph too (default false). */
  ops?: boolean;
  /** Start the ai subgraph too (default false). */
  ai?: boolean;
  /** Auth's configuration over the defaults (e.g. a short erasure cooling-off). */
  authEnv?: Record<string, string>;
  /** Ops's configuration over the defaults. */
  opsEnv?: Record<string, string>;
  /** Ai's configuration over the defaults (e.g. a test server speaking the OpenAI-compatible API). */
  aiEnv?: Record<string, string>;
  /** Finance's configuration over the defaults (e.g. LOCAL_PAYMENTS_WEBHOOK_DELAY_MS: a slow provider). */
  financeEnv?: Record<string, string>;
  /** Content's configuration over the defaults (e.g. QUESTION_BOUNTY_TTL_SECONDS: bounties that expire soon). */
  contentEnv?: Record<string, string>;
  /**
   * Members whose durable consumer does not run in this process: a child process the test controls
   * (startSubgraphProcess, joining with `databaseUrls` and `joinEnv`) carries their events, so a test
   * can kill what carries a saga while the API keeps answering.
   */
  consumersElsewhere?: ReadonlyArray<"trade" | "finance">;
  /** Router options over the test defaults (the real limits, trusted documents in `allow` mode, roomy rate limits). */
  router?: PlatformRouterOptions;
}

/** Tests sign up dozens of people and fire hundreds of requests from one address in seconds. */
const ROOMY_RATE_LIMITS = {
  perIpPerMinute: 1_000_000,
  perUserPerMinute: 1_000_000,
  credentialAttemptsPerIpPerMinute: 1_000_000,
};

const REPOSITORY = join(import.meta.dirname, "../../..");
export const TEST_PERSISTED_DOCUMENTS = {
  source: {
    manifestPath: join(REPOSITORY, "schema/persisted-documents.json"),
    partnerOperationsDir: join(REPOSITORY, "schema/operations/partner"),
  },
  mode: "allow" as const,
};

export async function startPlatform(options: StartPlatformOptions = {}): Promise<StartedPlatform> {
  const env = {
    ...(options.natsUrl ? { NATS_URL: options.natsUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
  };
  const suffix = randomBytes(4).toString("hex");
  const redisKeyPrefix = `t_${suffix}:`;
  // Events travel on streams of this run's own (deleted at close), so parallel files never share them.
  const eventPrefix = `t_${suffix}`;
  const cleanups: Array<() => Promise<void>> = [];
  const routerKeys = createTestRouterKeys();
  cleanups.push(() => deleteEventStreams({ prefix: eventPrefix }, options.natsUrl));

  /** One subgraph of the platform: its own fresh database, connected on this run's keys and streams, served. */
  async function startMember<TConfig, TDeps extends { redis: Redis }, TLoaders>(
    definition: SubgraphDefinition<TDeps, TLoaders>,
    configOf: (vars: Record<string, string>) => TConfig,
    connect: (config: TConfig) => Promise<{ deps: TDeps; close(): Promise<void> }>,
    jwksUrl: string,
  ) {
    const database = await createTestDatabase(definition.name, options.postgresUrl);
    cleanups.push(database.drop);
    const connected = await connect(configOf({ ...env, DATABASE_URL: database.url }));
    cleanups.push(connected.close);
    const server = await startTestSubgraph({ definition, deps: connected.deps, jwksUrl, routerKeys });
    cleanups.push(server.server.close);
    return { database, deps: connected.deps, server };
  }
  const isolation = { redisKeyPrefix, eventPrefix };

  const auth = await startMember(
    authSubgraph,
    (vars) => loadConfig(authConfigSchema, { ...vars, ...options.authEnv }),
    (config) => connectAuth(config, isolation),
    "self",
  );
  const authServer = auth.server;
  const jwksUrl = new URL("/.well-known/jwks.json", authServer.url).href;
  const user = await startMember(
    userSubgraph,
    (vars) => loadConfig(userConfigSchema, vars),
    (config) => connectUser(config, isolation),
    jwksUrl,
  );
  const dynamic = await startMember(
    dynamicSubgraph,
    (vars) => loadConfig(dynamicConfigSchema, vars),
    (config) => connectDynamic(config, isolation),
    jwksUrl,
  );
  const trade = await startMember(
    tradeSubgraph,
    (vars) => loadConfig(tradeConfigSchema, vars),
    (config) =>
      connectTrade(config, {
        ...isolation,
        expirySweeper: false,
        consumer: !options.consumersElsewhere?.includes("trade"),
      }),
    jwksUrl,
  );
  const startFinance = async () => {
    const finance = await startMember(
      financeSubgraph,
      (vars) => loadConfig(financeConfigSchema, { ...vars, ...options.financeEnv }),
      (config) =>
        connectFinance(config, { ...isolation, consumer: !options.consumersElsewhere?.includes("finance") }),
      jwksUrl,
    );
    // The local payment provider confirms through finance's own webhook route, on this run's port.
    finance.deps.localWebhooks.deliverTo(new URL(LOCAL_WEBHOOK_PATH, finance.server.url).href);
    return finance;
  };

  const finance = options.finance === false ? null : await startFinance();
  const ec = options.ec
    ? await startMember(
        ecSubgraph,
        (vars) => loadConfig(ecConfigSchema, vars),
        (config) => connectEc(config, { ...isolation, reservationSweeper: false }),
        jwksUrl,
      )
    : null;
  const biz = options.biz
    ? await startMember(
        bizSubgraph,
        (vars) => loadConfig(bizConfigSchema, vars),
        (config) => connectBiz(config, isolation),
        jwksUrl,
      )
    : null;
  const content = options.content
    ? await startMember(
        contentSubgraph,
        (vars) => loadConfig(contentConfigSchema, { ...vars, ...options.contentEnv }),
        (config) => connectContent(config, { ...isolation, purchaseSweeper: false }),
        jwksUrl,
      )
    : null;
  const ops = options.ops
    ? await startMember(
        opsSubgraph,
        (vars) => loadConfig(opsConfigSchema, { ...vars, ...options.opsEnv }),
        (config) => connectOps(config, isolation),
        jwksUrl,
      )
    : null;
  const ai = options.ai
    ? await startMember(
        aiSubgraph,
        (vars) => loadConfig(aiConfigSchema, { ...vars, ...options.aiEnv }),
        (config) => connectAi(config, isolation),
        jwksUrl,
      )
    : null;

  const { supergraphSdl } = composeSupergraph([
    { name: "auth", url: authServer.url, sdl: await printSubgraphSdl(authSubgraph) },
    { name: "user", url: user.server.url, sdl: await printSubgraphSdl(userSubgraph) },
    { name: "dynamic", url: dynamic.server.url, sdl: await printSubgraphSdl(dynamicSubgraph) },
    { name: "trade", url: trade.server.url, sdl: await printSubgraphSdl(tradeSubgraph) },
    ...(finance
      ? [{ name: "finance", url: finance.server.url, sdl: await printSubgraphSdl(financeSubgraph) }]
      : []),
    ...(ec ? [{ name: "ec", url: ec.server.url, sdl: await printSubgraphSdl(ecSubgraph) }] : []),
    ...(biz ? [{ name: "biz", url: biz.server.url, sdl: await printSubgraphSdl(bizSubgraph) }] : []),
    ...(content
      ? [{ name: "content", url: content.server.url, sdl: await printSubgraphSdl(contentSubgraph) }]
      : []),
    ...(ops ? [{ name: "ops", url: ops.server.url, sdl: await printSubgraphSdl(opsSubgraph) }] : []),
    ...(ai ? [{ name: "ai", url: ai.server.url, sdl: await printSubgraphSdl(aiSubgraph) }] : []),
  ]);
  const routerOptions = (overrides: PlatformRouterOptions = {}): RouterOptions => ({
    supergraphSdl,
    verifier: createTokenVerifier({ jwksUrl, issuer: "health-auth", audience: "health-platform" }),
    logger: createLogger("router", process.env.LOG_LEVEL ?? "silent"),
    signer: routerKeys.signer,
    isSessionRevoked: (sessionId) => isSessionRevoked(auth.deps.redis, sessionId),
    redis: auth.deps.redis,
    rateLimits: ROOMY_RATE_LIMITS,
    persistedDocuments: TEST_PERSISTED_DOCUMENTS,
    apiKeys: createApiKeyVerifier({
      authUrl: authServer.url,
      redis: auth.deps.redis,
      signer: routerKeys.signer,
    }),
    ...options.router,
    ...overrides,
  });
  const launchRouter = async (overrides: PlatformRouterOptions = {}) => {
    const router = await createRouter(routerOptions(overrides));
    cleanups.push(router.close);
    return router;
  };
  const startRouter = async (overrides: PlatformRouterOptions = {}): Promise<string> =>
    (await launchRouter(overrides)).listen(0);
  const startRouterWithInternal = async (overrides: PlatformRouterOptions = {}) => {
    const started = await launchRouter(overrides);
    return { url: await started.listen(0), internalUrl: await started.listenInternal(0) };
  };
  const router = await launchRouter();
  const url = await router.listen(0);
  const internalUrl = await router.listenInternal(0);

  return {
    url,
    internalUrl,
    subgraphs: {
      auth: authServer,
      user: user.server,
      dynamic: dynamic.server,
      trade: trade.server,
      ...(finance ? { finance: finance.server } : {}),
      ...(ec ? { ec: ec.server } : {}),
      ...(biz ? { biz: biz.server } : {}),
      ...(content ? { content: content.server } : {}),
      ...(ops ? { ops: ops.server } : {}),
      ...(ai ? { ai: ai.server } : {}),
    },
    authDb: auth.deps.db,
    authDeps: auth.deps,
    startRouter,
    startRouterWithInternal,
    joinEnv: {
      AUTH_JWKS_URL: jwksUrl,
      ROUTER_PUBLIC_KEYS: routerKeys.publicKey,
      TEST_REDIS_KEY_PREFIX: redisKeyPrefix,
      TEST_EVENT_PREFIX: eventPrefix,
    },
    databaseUrls: {
      user: user.database.url,
      dynamic: dynamic.database.url,
      trade: trade.database.url,
      finance: finance?.database.url ?? null,
    },
    routerKeys,
    userDb: user.deps.db,
    dynamicDb: dynamic.deps.db,
    tradeDb: trade.deps.db,
    tradeDeps: trade.deps,
    financeDb: finance?.deps.db ?? null,
    ecDeps: ec?.deps ?? null,
    contentDeps: content?.deps ?? null,
    bizDeps: biz?.deps ?? null,
    opsDeps: ops?.deps ?? null,
    aiDeps: ai?.deps ?? null,
    publishEvent: async (event, payload, actorId) => {
      const envelope = {
        id: randomUUID(),
        name: event.name,
        version: event.version,
        producer: event.producer,
        occurredAt: new Date().toISOString(),
        aggregateId: actorId,
        actorId,
        traceparent: null,
        payload,
      };
      await dynamic.deps.nats
        .jetstream()
        .publish(busSubject(event.subject, { prefix: eventPrefix }), JSON.stringify(envelope), {
          msgID: envelope.id,
        });
    },
    close: async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
