import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS } from "@health/platform/redis";
import { type PrivateRedisServer, startPrivateRedisServer } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { manifestIdOf } from "./support/manifestIds.ts";
import { type Person, signUp } from "./support/people.ts";
import { rawPost } from "./support/rawPost.ts";
import { issuePartnerKey } from "./support/roles.ts";
import { connectSocket } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 17 point 2: Redis is a cache and a limiter, not a single point of failure. The platform runs on
// a redis-server of this test's own, which is stopped (and frozen) while requests run.

/** What any one request may take while Redis is gone: two command timeouts, and room for a loaded machine. */
const BOUND_MS = 2 * DEFAULT_REDIS_COMMAND_TIMEOUT_MS + 1_000;

let redis: PrivateRedisServer;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let ann: Person;
let bob: Person;
let tightUrls: string[];
let partner: Awaited<ReturnType<typeof issuePartnerKey>>;

const OFFERINGS = `{ serviceOfferings(filter: { region: "shanghai" }) { nodes { id } } }`;
const PARTNER_OFFERINGS = {
  documentId: manifestIdOf("ServiceOfferings"),
  variables: { filter: { region: "shanghai" }, first: 10 },
};
const REVOKE_KEY = "mutation($id: ID!) { revokeApiKey(id: $id) { id } }";
const LOGIN = "mutation($input: LoginInput!) { login(input: $input) { accessToken } }";

/** Sends one operation and measures it: every request is held to the bound, not their average. */
async function timed(query: string, variables: Record<string, unknown> = {}, token?: string, url?: string) {
  const started = performance.now();
  const result = await (url ? graphqlClient(url) : request)(query, variables, token);
  return { ...result, ms: performance.now() - started };
}

const expectOk = (result: Awaited<ReturnType<typeof timed>>, what: string) => {
  expect(result.errors, what).toBeUndefined();
  expect(result.status, what).toBe(200);
  expect(result.ms, what).toBeLessThan(BOUND_MS);
};

const expectUnavailable = (result: Awaited<ReturnType<typeof timed>>, reason: string) => {
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: "UNAVAILABLE", reason });
  expect(result.ms).toBeLessThan(BOUND_MS);
};

/** Reads and ordinary writes of signed-in people seen live before the outage, and an anonymous read. */
async function ordinaryTraffic(round: number) {
  const results = await Promise.all([
    timed(OFFERINGS),
    timed("{ me { id } }", {}, ann.token),
    timed("{ feed(first: 5) { nodes { id } } }", {}, bob.token),
    timed("mutation { recordHealthAction(input: { type: WATER }) { id } }", {}, ann.token),
    timed(
      round % 2 === 0
        ? "mutation($id: ID!) { unfollow(userId: $id) { id } }"
        : "mutation($id: ID!) { follow(userId: $id) { id } }",
      { id: ann.id },
      bob.token,
    ),
  ]);
  for (const [i, result] of results.entries()) expectOk(result, `round ${round}, request ${i}`);
}

beforeAll(async () => {
  redis = await startPrivateRedisServer();
  platform = await startPlatform({ redisUrl: redis.url });
  request = graphqlClient(platform.url);
  ann = await signUp(request, "ann");
  bob = await signUp(request, "bob");
  const follow = await request(
    "mutation($id: ID!) { follow(userId: $id) { id } }",
    { id: ann.id },
    bob.token,
  );
  expect(follow.errors).toBeUndefined();
  partner = await issuePartnerKey(platform, request, { scopes: ["catalog"] });
  // Two routers sharing three requests a minute per address: only Redis can make them agree.
  const tight = { perIpPerMinute: 3, perUserPerMinute: 1_000, credentialAttemptsPerIpPerMinute: 1_000 };
  tightUrls = [
    await platform.startRouter({ rateLimits: tight }),
    await platform.startRouter({ rateLimits: tight }),
  ];
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await redis?.close();
});

describe("while Redis is down", () => {
  it("serves reads and ordinary writes within the bound, refuses what must not weaken, and recovers", async () => {
    // Carol signs up but never calls as herself: no router has seen her session live.
    const carol = await signUp(request, "carol");
    for (const person of [ann, bob, partner.partner])
      expectOk(await timed("{ me { id } }", {}, person.token), person.name);
    const asPartner = () => rawPost(platform.url, PARTNER_OFFERINGS, { "x-api-key": partner.key });
    expect((await asPartner()).status).toBe(200);

    await redis.stop();
    for (let round = 0; round < 6; round++) await ordinaryTraffic(round);
    // Every subgraph stays in its load balancer, saying what it lacks (a 503 from all would be an outage).
    for (const [name, subgraph] of Object.entries(platform.subgraphs)) {
      const response = await fetch(new URL("/ready", subgraph.url));
      const body = (await response.json()) as { status: string; checks: Record<string, string> };
      expect({ name, status: response.status, state: body.status }).toEqual({
        name,
        status: 200,
        state: "degraded",
      });
      expect(body.checks.redis).not.toBe("ok");
      expect(body.checks.postgres).toBe("ok");
    }

    const login = await timed(LOGIN, { input: { email: "nobody@example.com", password: "guess-1234567" } });
    expect(login.status).toBe(503);
    expectUnavailable(login, "CREDENTIAL_LIMIT");
    const unseen = await timed("{ me { id } }", {}, carol.token);
    expect(unseen.status).toBe(503);
    expectUnavailable(unseen, "SESSION_CHECK");
    expectUnavailable(await timed("mutation { logout }", {}, ann.token), "SESSION_REVOCATION");
    // A revoked key is usually a leaked one: no key passes while its marker cannot be read, and none is revoked.
    const keyed = await asPartner();
    expect(keyed.status).toBe(503);
    expect(keyed.json().errors[0].extensions).toMatchObject({ code: "UNAVAILABLE", reason: "API_KEY_CHECK" });
    expectUnavailable(
      await timed(REVOKE_KEY, { id: partner.keyId }, partner.partner.token),
      "API_KEY_REVOCATION",
    );
    const socket = connectSocket(platform.url, carol.token);
    expect((await socket.closed).code).toBe(1013);
    await socket.client.dispose();
    // Each router then limits on its own: three from this address, and the fourth refused.
    for (let i = 0; i < 3; i++) expectOk(await timed(OFFERINGS, {}, undefined, tightUrls[0]), `tight ${i}`);
    const limited = await timed(OFFERINGS, {}, undefined, tightUrls[0]);
    expect(limited.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");

    await redis.start();
    // Recovery is automatic: the clients reconnect on their own within their backoff (at most 1 s).
    const deadline = Date.now() + 10_000;
    let signedIn = await request("{ me { id } }", {}, carol.token);
    while (signedIn.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      signedIn = await request("{ me { id } }", {}, carol.token);
    }
    expect(signedIn.data).toEqual({ me: { id: expect.any(String) } });
    await ordinaryTraffic(6);

    // A hung Redis (connections open, no answers) costs each request at most the command timeout per step.
    redis.freeze();
    try {
      for (let round = 7; round < 10; round++) await ordinaryTraffic(round);
      expectUnavailable(
        await timed(LOGIN, { input: { email: "nobody@example.com", password: "guess-1234567" } }),
        "CREDENTIAL_LIMIT",
      );
    } finally {
      redis.thaw();
    }
    const loggedOut = await timed("mutation { logout }", {}, ann.token);
    expect(loggedOut.errors).toBeUndefined();
    const afterLogout = await timed("{ me { id } }", {}, ann.token);
    expect(afterLogout.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await asPartner()).status).toBe(200);
    expect((await timed(REVOKE_KEY, { id: partner.keyId }, partner.partner.token)).errors).toBeUndefined();
    expect((await asPartner()).status).toBe(401);
    // The limit is shared again: two requests through each router, and the fourth is refused.
    const shared = [];
    for (const url of [tightUrls[0], tightUrls[1], tightUrls[0], tightUrls[1]])
      shared.push(await timed(OFFERINGS, {}, undefined, url));
    expect(shared.slice(0, 3).map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(shared[3]?.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
  }, 90_000);
});
