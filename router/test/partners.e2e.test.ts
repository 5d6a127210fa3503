import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentIdOf } from "../src/persisted/persistedDocuments.ts";
import { signUpCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { manifest, manifestIdOf } from "./support/manifestIds.ts";
import { signUp } from "./support/people.ts";
import { rawPost } from "./support/rawPost.ts";
import { issuePartnerKey, withRoles } from "./support/roles.ts";
import { openSubscription } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform, TEST_PERSISTED_DOCUMENTS } from "./support/startPlatform.ts";

// A partner integration as a partner builds it: operations from the committed manifest, by id, with a key.

const idOf = manifestIdOf;

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let catalogKey: string;
let fullKey: string;

const asPartner = (key: string, body: unknown) => rawPost(platform.url, body, { "x-api-key": key });

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
  const coach = await signUpCoach(platform, request, "Coach");
  const offering = await request(
    `mutation { createServiceOffering(input: { serviceType: "consultation", specialty: "nutrition",
      priceAmount: 19900, durationMinutes: 45, region: "shanghai" }) { id } }`,
    {},
    coach.token,
  );
  expect(offering.errors).toBeUndefined();
  catalogKey = (await issuePartnerKey(platform, request, { scopes: ["catalog"] })).key;
  fullKey = (await issuePartnerKey(platform, request, { scopes: ["catalog", "feed"] })).key;
});
afterAll(async () => {
  await platform?.close();
});

describe("a partner integration", () => {
  it("runs the manifest's partner operations by id, with variables, within its scopes", async () => {
    const offerings = await asPartner(catalogKey, {
      documentId: idOf("ServiceOfferings"),
      variables: { filter: { region: "shanghai" }, first: 10 },
    });
    expect(offerings.status).toBe(200);
    const body = offerings.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.serviceOfferings.nodes).toEqual([
      expect.objectContaining({
        specialty: "nutrition",
        region: "shanghai",
        coach: expect.objectContaining({ displayName: "Coach" }),
      }),
    ]);
    const trending = await asPartner(fullKey, {
      documentId: idOf("TrendingActivities"),
      variables: { first: 5 },
    });
    expect(trending.json()).toEqual({ data: { trending: [] } });
  });

  it("is refused for anything else, with a code that says why", async () => {
    const otherScope = await asPartner(catalogKey, { documentId: idOf("TrendingActivities") });
    expect(otherScope.status).toBe(403);
    expect(otherScope.json().errors[0].extensions.code).toBe("FORBIDDEN");
    expect(otherScope.json().errors[0].message).toMatch(/scopes \(catalog\) do not include "feed"/);

    const firstParty = await asPartner(fullKey, { documentId: idOf("Me") });
    expect(firstParty.status).toBe(403);
    expect(firstParty.json().errors[0].message).toMatch(/Me is not a partner operation/);

    const text = await asPartner(fullKey, { query: manifest[idOf("ServiceOfferings")] });
    expect(text.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_ID_REQUIRED");

    const unknown = await asPartner(fullKey, { documentId: "f".repeat(64) });
    expect(unknown.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");

    const forged = await asPartner("hpk_not-a-key", { documentId: idOf("ServiceOfferings") });
    expect(forged.status).toBe(401);
  });

  it("holds each key to its own rate limit", async () => {
    const { key } = await issuePartnerKey(platform, request, { scopes: ["catalog"], rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await asPartner(key, { documentId: idOf("ServiceOfferings") })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await asPartner(key, { documentId: idOf("ServiceOfferings") });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.json().errors[0].extensions.code).toBe("RATE_LIMITED");
  });

  it("stops a revoked key at once, though the router remembers keys for a minute", async () => {
    const { key, keyId, partner } = await issuePartnerKey(platform, request, { scopes: ["catalog"] });
    expect((await asPartner(key, { documentId: idOf("ServiceOfferings") })).status).toBe(200);
    const revoked = await request(
      "mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }",
      { id: keyId },
      partner.token,
    );
    expect(revoked.errors).toBeUndefined();
    const after = await asPartner(key, { documentId: idOf("ServiceOfferings") });
    expect(after.status).toBe(401);
    expect(after.json().errors[0].extensions.code).toBe("UNAUTHENTICATED");
    // Only that key: another partner's key still runs.
    expect((await asPartner(fullKey, { documentId: idOf("ServiceOfferings") })).status).toBe(200);
  });
});

describe("trusted documents for first-party apps", () => {
  it("safelist mode runs manifest operations by id or identical text, refuses the rest, and lets developers through", async () => {
    const url = await platform.startRouter({
      persistedDocuments: { ...TEST_PERSISTED_DOCUMENTS, mode: "safelist" },
    });
    const user = await signUp(request, "Safelisted");
    const auth = { authorization: `Bearer ${user.token}` };
    const byId = await rawPost(url, { documentId: idOf("Me") }, auth);
    expect(byId.json().data.me.displayName).toBe("Safelisted");
    const byText = await rawPost(url, { query: manifest[idOf("Me")], operationName: "Me" }, auth);
    expect(byText.json().data.me.displayName).toBe("Safelisted");
    const adHoc = await rawPost(url, { query: "{ me { id } }" }, auth);
    expect(adHoc.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    const viaGet = (query: string) =>
      fetch(`${url}?query=${encodeURIComponent(query)}`, {
        headers: { ...auth, "apollo-require-preflight": "true" },
      });
    expect((await viaGet("{ me { id } }")).status).toBe(400);
    expect((await viaGet(manifest[idOf("Me")] ?? "")).status).toBe(200);
    const developer = await withRoles(platform, user, ["user", "developer"]);
    const devAdHoc = await rawPost(
      url,
      { query: "{ me { id } }" },
      { authorization: `Bearer ${developer.token}` },
    );
    expect(devAdHoc.json().data.me.id).toBe(user.id);
  });

  it("safelist mode holds WebSocket subscriptions to the manifest too, with the HTTP path's code", async () => {
    const url = await platform.startRouter({
      persistedDocuments: { ...TEST_PERSISTED_DOCUMENTS, mode: "safelist" },
    });
    const user = await signUp(request, "Subscriber");
    const adHoc = openSubscription(url, user.token, "subscription { feedUpdated { id summary } }");
    expect(await adHoc.outcome).toContain('"code":"PERSISTED_QUERY_NOT_IN_LIST"');
    const listed = openSubscription(url, user.token, manifest[idOf("FeedUpdated")] ?? "");
    expect(await listed.outcome).toBe("open");
    const developer = await withRoles(platform, user, ["user", "developer"]);
    const devAdHoc = openSubscription(url, developer.token, "subscription { feedUpdated { id } }");
    expect(await devAdHoc.outcome).toBe("open");
    await Promise.all([adHoc, listed, devAdHoc].map(({ client }) => client.dispose()));
  });

  it("GET reads the APQ hash as Apollo Server does: a duplicated sha256Hash cannot smuggle an unlisted one", async () => {
    const url = await platform.startRouter({
      persistedDocuments: { ...TEST_PERSISTED_DOCUMENTS, mode: "safelist" },
    });
    const user = await signUp(request, "Smuggler");
    // An ad-hoc query in the shared APQ cache (registered where ad-hoc runs: a router in allow mode).
    const adHoc = "{ me { id displayName } }";
    const adHocHash = documentIdOf(adHoc);
    const register = await rawPost(
      platform.url,
      { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: adHocHash } } },
      { authorization: `Bearer ${user.token}` },
    );
    expect(register.json().data.me.id).toBe(user.id);
    // JSON.parse keeps the last of duplicated keys; a first-match regex saw the listed one.
    const extensions = `{"persistedQuery":{"version":1,"sha256Hash":"${idOf("Me")}","sha256Hash":"${adHocHash}"}}`;
    const smuggled = await fetch(`${url}?extensions=${encodeURIComponent(extensions)}`, {
      headers: { authorization: `Bearer ${user.token}`, "apollo-require-preflight": "true" },
    });
    const body = (await smuggled.json()) as {
      data?: unknown;
      errors?: Array<{ extensions: { code: string } }>;
    };
    expect(body.data).toBeUndefined();
    expect(smuggled.status).toBe(400);
    expect(body.errors?.[0]?.extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    const twice = await fetch(
      `${url}?query=${encodeURIComponent(adHoc)}&query=${encodeURIComponent(adHoc)}`,
      {
        headers: { authorization: `Bearer ${user.token}`, "apollo-require-preflight": "true" },
      },
    );
    expect(twice.status).toBe(400);
  });

  it("APQ: an unknown hash asks for the text once, then the hash alone runs it (stored in Redis)", async () => {
    const query = "{ feedTopics }";
    const extensions = { persistedQuery: { version: 1, sha256Hash: documentIdOf(query) } };
    const miss = await rawPost(platform.url, { extensions });
    expect(miss.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const register = await rawPost(platform.url, { query, extensions });
    expect(register.json().errors).toBeUndefined();
    const hit = await rawPost(platform.url, { extensions });
    expect(hit.json()).toEqual(register.json());
    expect(await platform.authDeps.redis.exists(`apq:apq:${documentIdOf(query)}`)).toBe(1);
  });

  it("reloads the manifest when it changes, without a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const manifestPath = join(dir, "persisted-documents.json");
    copyFileSync(TEST_PERSISTED_DOCUMENTS.source.manifestPath, manifestPath);
    const partnerOperationsDir = join(dir, "partner");
    cpSync(TEST_PERSISTED_DOCUMENTS.source.partnerOperationsDir, partnerOperationsDir, { recursive: true });
    const url = await platform.startRouter({
      persistedDocuments: {
        source: { manifestPath, partnerOperationsDir },
        mode: "allow",
        watchIntervalMs: 50,
      },
    });
    const body = "query CatalogTopics {\n  feedTopics\n}";
    const id = documentIdOf(body);
    const before = await rawPost(url, { documentId: id }, { "x-api-key": catalogKey });
    expect(before.json().errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");

    writeFileSync(join(partnerOperationsDir, "catalog", "CatalogTopics.graphql"), body);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, [id]: body }));
    const after = await eventually(
      () => rawPost(url, { documentId: id }, { "x-api-key": catalogKey }),
      (response) => response.status === 200,
    );
    expect(after.json()).toEqual({ data: { feedTopics: expect.any(Array) } });
  });
});
