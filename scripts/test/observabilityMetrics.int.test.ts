import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createTokenVerifier } from "@health/platform/auth";
import { createLogger } from "@health/platform/logging";
import {
  createTestDatabase,
  createTestRouterKeys,
  eventually,
  type PrivateNatsServer,
  type PrivateRedisServer,
  startPrivateNatsServer,
  startPrivateRedisServer,
  startTestIssuer,
  type TestDatabase,
  type TestIssuer,
} from "@health/platform/testing";
import { Kind, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRouter, type Router } from "../../router/src/createRouter.ts";
import { connectSocket, type Socket, subscribeOnce } from "../../router/test/support/socketClient.ts";
import { type SubgraphProcess, startSubgraphProcess } from "../../router/test/support/subgraphProcess.ts";
import {
  dashboardQueries,
  recordedNames,
  ruleQueries,
  selectedMetrics,
  withoutGrafanaVariables,
} from "../observability/queries.ts";
import { REPO_ROOT } from "../subgraphRegistry.ts";

// Every metric the dashboards and alert rules select must be one the processes serve: a real trade
// subgraph process (runSubgraph, as main.ts starts it: relay, consumers, pool) and the router in front of
// it, each scraped after a request went through.

const MANIFEST = join(REPO_ROOT, "schema", "persisted-documents.json");
const routerKeys = createTestRouterKeys();
let database: TestDatabase;
let nats: PrivateNatsServer;
let redis: PrivateRedisServer;
let issuer: TestIssuer;
let trade: SubgraphProcess;
let router: Router;
let url: string;
let internalUrl: string;
let socket: Socket;

beforeAll(async () => {
  [database, nats, redis, issuer] = await Promise.all([
    createTestDatabase("trade"),
    startPrivateNatsServer(),
    startPrivateRedisServer(),
    startTestIssuer(),
  ]);
  trade = await startSubgraphProcess("trade", {
    DATABASE_URL: database.url,
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    AUTH_JWKS_URL: issuer.jwksUrl,
    ROUTER_PUBLIC_KEYS: routerKeys.publicKey,
  });
  router = await createRouter({
    supergraphSdl: readFileSync(join(REPO_ROOT, "schema", "supergraph.graphql"), "utf8"),
    verifier: createTokenVerifier({
      jwksUrl: issuer.jwksUrl,
      issuer: issuer.issuer,
      audience: issuer.audience,
    }),
    logger: createLogger("router", "silent"),
    signer: routerKeys.signer,
    urlOverrides: { TRADE: trade.url },
    persistedDocuments: {
      source: {
        manifestPath: MANIFEST,
        partnerOperationsDir: join(REPO_ROOT, "schema", "operations", "partner"),
      },
      mode: "allow",
    },
  });
  url = await router.listen(0);
  internalUrl = await router.listenInternal(0);
});

afterAll(async () => {
  await socket?.client.dispose();
  await router?.close();
  await trade?.stop();
  await Promise.all([database?.drop(), nats?.close(), redis?.stop(), issuer?.close()]);
});

/** The manifest's document holding `name` (with its fragments). */
function manifestDocument(name: string): string {
  const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as Record<string, string>;
  const document = Object.values(manifest).find((text) =>
    parse(text).definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name),
  );
  if (!document) throw new Error(`${name} is not in the manifest`);
  return document;
}

async function post(
  query: string,
  operationName: string,
  token: string,
  variables: Record<string, unknown> = { first: 5 },
): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, operationName, variables }),
  });
  return response.json();
}

const scrape = async (origin: string) => (await fetch(new URL("/metrics", origin))).text();

/** The sample names a scrape serves: each `# TYPE`'d family, with a histogram's `_bucket`, `_sum`, `_count`. */
function servedNames(exposition: string): Set<string> {
  const names = new Set<string>();
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name as string);
    if (type === "histogram" || type === "summary")
      for (const suffix of ["_bucket", "_sum", "_count"]) names.add(`${name}${suffix}`);
  }
  return names;
}

/** The value of `name`'s sample carrying exactly `labels` (in any order), or undefined. */
function sample(exposition: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort()
    .join(",");
  for (const [, sampleName, labelText, value] of exposition.matchAll(/^(\S+?)\{(.*)\} (\S+)$/gm))
    if (sampleName === name && (labelText as string).split(",").sort().join(",") === wanted)
      return Number(value);
  return undefined;
}

describe("the metrics the dashboards and alerts use", () => {
  let routerMetrics: string;
  let tradeMetrics: string;

  beforeAll(async () => {
    const coach = await issuer.sign({ userId: randomUUID(), roles: ["coach"] });
    const known = await post(manifestDocument("AvailableOrders"), "AvailableOrders", coach);
    expect(known).toMatchObject({ data: { availableOrders: { nodes: [] } } });
    await post("query MadeUpByAClient { __typename }", "MadeUpByAClient", coach);
    // orderAvailable is for coaches with a profile (trade refuses the others at once).
    const profile = await post(manifestDocument("SetCoachProfile"), "SetCoachProfile", coach, {
      input: { specialties: ["nutrition"], regions: ["shanghai"], capacity: 2 },
    });
    expect(profile).toMatchObject({ data: { setCoachProfile: { regions: ["shanghai"] } } });
    socket = connectSocket(url, coach);
    expect(await subscribeOnce(socket.client, manifestDocument("OrderAvailable"), 300)).toBe("open");
    routerMetrics = await eventually(
      () => scrape(internalUrl),
      (text) => /router_subscriptions_active\{field="orderAvailable"[^}]*\} 1/.test(text),
    );
    tradeMetrics = await scrape(new URL(trade.url).origin);
  });

  it("are all served by the router or a subgraph", () => {
    const served = new Set([...servedNames(routerMetrics), ...servedNames(tradeMetrics)]);
    const synthetic = new Set(["up", ...recordedNames()]); // made by Prometheus itself
    const missing = [...dashboardQueries(), ...ruleQueries()].flatMap(({ where, expr }) =>
      selectedMetrics(withoutGrafanaVariables(expr))
        .filter((name) => !synthetic.has(name) && !served.has(name))
        .map((name) => `${name} (${where})`),
    );
    expect([...new Set(missing)]).toEqual([]);
  });

  it("label operations the platform ships by name, at the router and at the subgraph, and others `other`", () => {
    const router = { service: "router" };
    expect(
      sample(routerMetrics, "graphql_operations_total", {
        ...router,
        operation: "AvailableOrders",
        outcome: "ok",
      }),
    ).toBe(1);
    expect(
      sample(routerMetrics, "graphql_operations_total", { ...router, operation: "other", outcome: "ok" }),
    ).toBe(1);
    expect(routerMetrics).not.toContain("MadeUpByAClient");
    // The gateway's fetch is named AvailableOrders__trade__0: counted under the client's operation.
    expect(
      sample(tradeMetrics, "graphql_operation_duration_seconds_count", {
        service: "trade",
        operation: "AvailableOrders",
      }),
    ).toBe(1);
    expect(
      sample(routerMetrics, "router_subgraph_request_duration_seconds_count", {
        ...router,
        subgraph: "trade",
      }),
    ).toBeGreaterThan(0);
  });

  it("count WebSocket connections and subscriptions at the router", () => {
    expect(sample(routerMetrics, "router_websocket_connections", { service: "router" })).toBe(1);
    expect(
      sample(routerMetrics, "router_subscriptions_active", { service: "router", field: "orderAvailable" }),
    ).toBe(1);
  });

  it("read the subgraph's pool, outbox and consumers when scraped", () => {
    const trade = { service: "trade" };
    expect(sample(tradeMetrics, "db_pool_max_clients", trade)).toBe(10);
    expect(sample(tradeMetrics, "db_pool_clients", trade)).toBeGreaterThan(0);
    expect(sample(tradeMetrics, "events_outbox_oldest_age_seconds", trade)).toBe(0);
    expect(sample(tradeMetrics, "events_consumer_lag", { ...trade, consumer: "trade" })).toBe(0);
    expect(sample(tradeMetrics, "events_dead_letter_messages", { ...trade, consumer: "trade" })).toBe(0);
  });
});
