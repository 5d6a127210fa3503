import { createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { issueAccessToken } from "../../subgraphs/auth/src/domain/accessTokens.ts";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { rawPost } from "./support/rawPost.ts";
import { issuePartnerKey, withRoles } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// The probes of the OWASP GraphQL cheat sheet, sent the way a reviewer would, through the router.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
let stranger: Person;
let developer: Person;
let productionUrl: string;
let throttledUrl: string;

const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
  [owner, stranger, developer] = await Promise.all([
    signUp(request, "Owner"),
    signUp(request, "Stranger"),
    signUp(request, "Dev"),
  ]);
  developer = await withRoles(platform, developer, ["user", "developer"]);
  productionUrl = await platform.startRouter({ production: true });
  throttledUrl = await platform.startRouter({
    rateLimits: { perIpPerMinute: 5, perUserPerMinute: 5, credentialAttemptsPerIpPerMinute: 3 },
  });
});
afterAll(async () => {
  await platform?.close();
});

describe("IDOR: one user's objects through another user's token", () => {
  it("health records, the access log and assessments of someone else are FORBIDDEN", async () => {
    await request(
      "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
      { input: { metric: "WEIGHT", value: 70.5 } },
      owner.token,
    );
    for (const query of [
      "query($id: ID!) { healthRecords(userId: $id) { nodes { value } } }",
      "query($id: ID!) { healthDataAccessLog(userId: $id) { actorId } }",
      "query($id: ID!) { assessments(userId: $id) { id } }",
      "query($id: ID!) { user(id: $id) { healthRecords { value } } }",
    ]) {
      const result = await request(query, { id: owner.id }, stranger.token);
      expect(JSON.stringify(result.data ?? {})).not.toContain("70.5");
      expect(code(result)).toBe("FORBIDDEN");
    }
  });

  it("someone else's consent grant cannot be revoked or listed", async () => {
    const coach = await signUpCoach(platform, request, "Coach");
    const grant = await request<{ grantConsent: { id: string } }>(
      "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
      {
        input: {
          coachId: coach.id,
          metrics: ["WEIGHT"],
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
      owner.token,
    );
    const id = grant.data!.grantConsent.id;
    const revoke = await request(
      "mutation($id: ID!) { revokeConsent(id: $id) { id } }",
      { id },
      stranger.token,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(revoke));
    const listed = await request<{ consentGrants: Array<{ id: string }> }>(
      "{ consentGrants { id } }",
      {},
      stranger.token,
    );
    expect(listed.data?.consentGrants.map((g) => g.id)).not.toContain(id);
    expect(await platform.userDb.consentGrant.count({ where: { id, revokedAt: null } })).toBe(1);
  });

  it("someone else's service order cannot be read, cancelled or moved on", async () => {
    const orderId = await openOrder(request, owner, "shanghai");
    const read = await request(
      "query($id: ID!) { serviceOrder(id: $id) { id description } }",
      { id: orderId },
      stranger.token,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(read));
    const cancel = await request(
      "mutation($id: ID!) { cancelOrder(orderId: $id) { id } }",
      { id: orderId },
      stranger.token,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(cancel));
    const mine = await request<{ myOrders: { nodes: Array<{ id: string }> } }>(
      "{ myOrders { nodes { id } } }",
      {},
      stranger.token,
    );
    expect(mine.data?.myOrders.nodes).toEqual([]);
    expect((await platform.tradeDb.serviceOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe(
      "OPEN",
    );
  });
});

describe("introspection and schema hints in production", () => {
  const production = () => graphqlClient(productionUrl);

  it("refuses introspection to anonymous and ordinary callers, directly or through a fragment", async () => {
    for (const query of [
      "{ __schema { types { name } } }",
      '{ __type(name: "User") { fields { name } } }',
      "query { ...Sneaky } fragment Sneaky on Query { __schema { queryType { name } } }",
    ]) {
      const anonymous = await production()(query);
      expect(anonymous.status).toBe(403);
      expect(code(anonymous)).toBe("FORBIDDEN");
      expect(anonymous.data).toBeUndefined();
      expect(code(await production()(query, {}, owner.token))).toBe("FORBIDDEN");
    }
  });

  it("allows introspection with a developer token", async () => {
    const result = await production()<{ __schema: { queryType: { name: string } } }>(
      "{ __schema { queryType { name } } }",
      {},
      developer.token,
    );
    expect(result.data?.__schema.queryType.name).toBe("Query");
  });

  it("drops field suggestions for everyone but developers", async () => {
    const anonymous = await production()("{ mee { id } }");
    expect(anonymous.errors?.[0]?.message).toMatch(/Cannot query field "mee"/);
    expect(anonymous.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const dev = await production()("{ mee { id } }", {}, developer.token);
    expect(dev.errors?.[0]?.message).toMatch(/Did you mean "me"/);
  });

  it("never shows a stack trace or internal detail: not for a syntax error, bad JSON or a bad variable", async () => {
    const probes = [
      await rawPost(productionUrl, { query: "{ me { " }),
      await rawPost(productionUrl, '{"query": "{ me { id } }"'),
      await rawPost(productionUrl, {
        query: "query($n: Int!) { feed(first: $n) { nodes { id } } }",
        variables: { n: "x" },
      }),
      await rawPost(productionUrl, { query: "{ me { id } }" }, { authorization: "Bearer not.a.jwt" }),
    ];
    for (const probe of probes) {
      expect(probe.status).toBeGreaterThanOrEqual(400);
      expect(probe.text).not.toMatch(/stacktrace|\n\s+at |node_modules|\.ts:\d+/);
    }
  });
});

describe("limits, checked before planning", () => {
  it("refuses alias overloading on login, and counts each login of a batch against the address", async () => {
    const login = (alias: string) =>
      `${alias}: login(input: { email: "${owner.name}@example.com", password: "wrong-password-1" }) { accessToken }`;
    const aliased = await request(`mutation { ${login("a")} ${login("b")} ${login("c")} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.errors?.[0]?.extensions).toMatchObject({
      code: "LIMIT_EXCEEDED",
      limit: "credentialMutations",
      max: 1,
      actual: 3,
    });

    const throughFragment = await request(
      `mutation { ...Twice } fragment Twice on Mutation { ${login("a")} ${login("b")} }`,
    );
    expect(throughFragment.errors?.[0]?.extensions).toMatchObject({
      limit: "credentialMutations",
      actual: 2,
    });

    const batch = Array.from({ length: 4 }, () => ({ query: `mutation { ${login("x")} }` }));
    const response = await rawPost(throttledUrl, batch);
    const results = response.json() as Array<{ errors?: Array<{ extensions?: Record<string, unknown> }> }>;
    // 4 logins against a budget of 3 (and 5 operations a minute): the last is refused without reaching auth.
    expect(results.map(code)).toEqual([
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "UNAUTHENTICATED",
      "RATE_LIMITED",
    ]);
    expect(Number(results[3]?.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
  });

  it("refuses a deep query, naming the limit and its value", async () => {
    // me → activities → actor → activities → …: 14 levels.
    const deep = `{ me { ${"activities { actor { ".repeat(6)}id${" } }".repeat(6)} } }`;
    const result = await request(deep, {}, owner.token);
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "LIMIT_EXCEEDED",
      limit: "depth",
      max: 12,
      actual: 14,
    });
    expect(result.errors?.[0]?.message).toMatch(/limit of 12/);
  });

  it("refuses wide queries: too many aliases, too many top-level fields", async () => {
    const aliases = `{ me { ${Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(" ")} } }`;
    expect((await request(aliases, {}, owner.token)).errors?.[0]?.extensions).toMatchObject({
      limit: "aliases",
      max: 30,
    });
    const wide = `{ ${Array.from({ length: 21 }, (_, i) => `t${i}: feedTopics`).join(" ")} }`;
    expect((await request(wide, {}, owner.token)).errors?.[0]?.extensions).toMatchObject({
      limit: "aliases" in {} ? "" : "rootFields",
      max: 20,
      actual: 21,
    });
  });

  it("refuses `first: 99999` by its estimated cost before any subgraph is asked", async () => {
    const result = await request(
      "{ feed(first: 99999) { nodes { id actor { displayName activities { id } } } } }",
      {},
      owner.token,
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "LIMIT_EXCEEDED",
      limit: "cost",
      max: 10_000,
    });
    const records = await request(
      "query($id: ID!) { healthRecords(userId: $id, first: 99999) { nodes { value } } }",
      { id: owner.id },
      owner.token,
    );
    expect(records.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "cost" });
    const offerings = await request(
      "{ serviceOfferings(first: 99999) { nodes { id coach { displayName } } } }",
    );
    expect(offerings.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", limit: "cost" });
  });

  it("refuses a document with too many tokens", async () => {
    const result = await request(`{ me { ${"id ".repeat(6_000)} } }`, {}, owner.token);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "LIMIT_EXCEEDED",
      limit: "tokens",
      max: 5_000,
    });
  });

  it("runs a small batch, and refuses a batch above the limit before parsing any of it", async () => {
    const small = await rawPost(platform.url, [{ query: "{ feedTopics }" }, { query: "{ me { id } }" }], {
      authorization: `Bearer ${owner.token}`,
    });
    expect(small.json()).toHaveLength(2);
    const big = await rawPost(
      platform.url,
      Array.from({ length: 11 }, () => ({ query: "{ feedTopics }" })),
    );
    expect(big.status).toBe(400);
    expect(big.json().errors[0].extensions).toMatchObject({
      code: "LIMIT_EXCEEDED",
      limit: "operationsPerRequest",
      max: 10,
      actual: 11,
    });
  });
});

describe("what an operator sees", () => {
  it("counts the router's refusals by code and limit on /metrics", async () => {
    await request(`{ me { ${"activities { actor { ".repeat(6)}id${" } }".repeat(6)} } }`, {}, owner.token);
    await rawPost(
      platform.url,
      Array.from({ length: 11 }, () => ({ query: "{ feedTopics }" })),
    );
    const metrics = await (await fetch(new URL("/metrics", platform.internalUrl))).text();
    expect(metrics).toMatch(
      /router_refusals_total\{code="LIMIT_EXCEEDED",reason="depth",service="router"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /router_refusals_total\{code="LIMIT_EXCEEDED",reason="operationsPerRequest",service="router"\} [1-9]/,
    );
  });
});

describe("the public port", () => {
  it("serves /health but not /ready (it names internal URLs) or /metrics; the internal port serves all three", async () => {
    expect((await fetch(new URL("/health", platform.url))).status).toBe(200);
    for (const path of ["/ready", "/metrics"]) {
      const response = await fetch(new URL(path, platform.url));
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/127\.0\.0\.1|router_refusals_total/);
    }
    const ready = await fetch(new URL("/ready", platform.internalUrl));
    expect(ready.status).toBe(200);
    expect(await ready.text()).toContain('"status":"ready"');
    expect((await fetch(new URL("/metrics", platform.internalUrl))).status).toBe(200);
    expect(new URL(platform.internalUrl).port).not.toBe(new URL(platform.url).port);
  });
});

describe("rate limits", () => {
  it("answers RATE_LIMITED with Retry-After once an address is over its limit", async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof rawPost>> | undefined;
    for (let i = 0; i < 7; i++) {
      last = await rawPost(throttledUrl, { query: "{ feedTopics }" }, { "x-forwarded-for": "203.0.113.7" });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last?.json().errors[0].extensions).toMatchObject({ code: "RATE_LIMITED" });
  });
});

describe("subscriptions over WebSocket", () => {
  const wsUrl = () => platform.url.replace(/^http/, "ws");

  async function closeCode(
    connectionParams: Record<string, unknown> | undefined,
    query: string,
  ): Promise<number> {
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams,
    });
    try {
      return await new Promise<number>((resolve) => {
        client.on("closed", (event) => resolve((event as { code: number }).code));
        client.subscribe({ query }, { next() {}, error() {}, complete() {} });
      });
    } finally {
      await client.dispose();
    }
  }

  it("closes a socket without a token, or with a forged one, with 4401", async () => {
    expect(await closeCode(undefined, "subscription { feedUpdated { id } }")).toBe(4401);
    expect(await closeCode({ authorization: "Bearer forged" }, "subscription { feedUpdated { id } }")).toBe(
      4401,
    );
  });

  it("holds a subscription to the same limits before it is planned", async () => {
    const client = createClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${owner.token}` },
    });
    const deep = `subscription { feedUpdated { ${"actor { activities { ".repeat(6)}id${" } }".repeat(6)} } }`;
    const outcome = await new Promise<unknown>((resolve) =>
      client.subscribe({ query: deep }, { next: resolve, error: resolve, complete() {} }),
    );
    expect(JSON.stringify(outcome)).toMatch(/"code":"LIMIT_EXCEEDED".*"limit":"depth"/);
    await client.dispose();
  });

  it("closes a socket that sends a message over 1 MiB", async () => {
    const socket = new WebSocket(wsUrl(), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
    socket.send(
      JSON.stringify({ type: "connection_init", payload: { padding: "x".repeat(2 * 1024 * 1024) } }),
    );
    expect(await closed).toBe(1009);
  });

  it("takes each subscribe from the subscriber's per-user rate limit", async () => {
    const subscriber = await signUp(request, "Subscriber");
    const client = createClient({
      url: throttledUrl.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${subscriber.token}` },
    });
    // Six subscribes against a budget of five a minute: five stay open, one is refused.
    const outcomes = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve) => {
            client.subscribe(
              { query: "subscription { feedUpdated { id } }" },
              {
                next: (value) => resolve(JSON.stringify(value)),
                error: (e) => resolve(JSON.stringify(e)),
                complete() {},
              },
            );
            setTimeout(() => resolve("open"), 1_500);
          }),
      ),
    );
    expect(outcomes.filter((o) => o.includes('"code":"RATE_LIMITED"'))).toHaveLength(1);
    expect(outcomes.filter((o) => o === "open")).toHaveLength(5);
    await client.dispose();
  });

  it("ends a subscription with 4401 when its token expires mid-stream", async () => {
    const session = await platform.authDb.session.findFirstOrThrow({ where: { accountId: owner.id } });
    const shortLived = await issueAccessToken(
      { ...platform.authDeps, config: { ...platform.authDeps.config, ACCESS_TOKEN_TTL_SECONDS: 2 } },
      { id: owner.id, roles: ["user"] },
      session.id,
    );
    const started = Date.now();
    const code = await closeCode(
      { authorization: `Bearer ${shortLived.token}` },
      "subscription { feedUpdated { id } }",
    );
    expect(code).toBe(4401);
    expect(Date.now() - started).toBeGreaterThan(1_000);
  });
});

describe("partner keys", () => {
  it("a partner key cannot run an arbitrary document", async () => {
    const { key } = await issuePartnerKey(platform, request, { scopes: ["catalog", "feed"] });
    const arbitrary = await rawPost(
      platform.url,
      { query: "{ serviceOfferings { nodes { id } } }" },
      { "x-api-key": key },
    );
    expect(arbitrary.status).toBe(400);
    expect(arbitrary.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_ID_REQUIRED");
    const viaGet = await fetch(`${platform.url}?query=${encodeURIComponent("{ feedTopics }")}`, {
      headers: { "x-api-key": key, "apollo-require-preflight": "true" },
    });
    expect(viaGet.status).toBe(400);
    expect(
      ((await viaGet.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions
        .code,
    ).toBe("PERSISTED_QUERY_ID_REQUIRED");
    const apq = await rawPost(
      platform.url,
      { extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } },
      { "x-api-key": key },
    );
    expect(apq.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_ID_REQUIRED");
  });
});
