import { randomUUID } from "node:crypto";
import { API_KEY_INTROSPECTION_PATH, isApiKeyRevoked } from "@health/platform/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }
`;
const CREATE_KEY = /* GraphQL */ `
  mutation CreateKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { secret apiKey { id ownerId name prefix scopes rateLimitPerMinute revokedAt } }
  }
`;
const REVOKE_KEY = /* GraphQL */ `mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
const LIST_KEYS = /* GraphQL */ `query Keys($ownerId: ID!) { apiKeys(ownerId: $ownerId) { id name } }`;

interface Person {
  id: string;
  token: string;
}
interface CreatedKey {
  secret: string;
  apiKey: { id: string; ownerId: string; prefix: string; scopes: string[]; rateLimitPerMinute: number };
}

let auth: AuthHarness;
let admin: Person;
let partner: Person;
let otherPartner: Person;

/** Registers someone and gives them `roles` straight in the database, then signs in again for a token that carries them. */
async function person(roles: Array<"user" | "admin" | "partner"> = ["user"]): Promise<Person> {
  const email = `k-${randomUUID()}@example.com`;
  const registered = await auth.request<{ register: { accessToken: string; user: { id: string } } }>(
    REGISTER,
    {
      input: { email, password: "correct-horse-42", displayName: "Kay" },
    },
  );
  const id = registered.data!.register.user.id;
  await auth.deps.db.account.update({ where: { id }, data: { roles } });
  const login = await auth.request<{ login: { accessToken: string } }>(
    "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
    { input: { email, password: "correct-horse-42" } },
  );
  return { id, token: login.data!.login.accessToken };
}

/** auth's admin_action_recorded payloads about `subjectId`, with their actor, from its outbox. */
const adminActions = async (subjectId: string) =>
  (await auth.deps.db.outboxEvent.findMany({ where: { subject: "auth.admin_action_recorded.v1" } }))
    .map((row) => row.envelope as { actorId: string; aggregateId: string; payload: Record<string, unknown> })
    .filter((envelope) => envelope.aggregateId === subjectId)
    .map((envelope) => ({ actorId: envelope.actorId, ...envelope.payload }));

async function introspect(key: string): Promise<Record<string, unknown>> {
  const response = await auth.routerKeys.signedFetch(new URL(API_KEY_INTROSPECTION_PATH, auth.url), {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ key }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function createKey(input: Record<string, unknown>, token = admin.token) {
  return auth.request<{ createApiKey: CreatedKey }>(
    CREATE_KEY,
    {
      input: {
        ownerId: partner.id,
        name: "Acme wellness",
        scopes: ["catalog"],
        rateLimitPerMinute: 120,
        ...input,
      },
    },
    token,
  );
}

beforeAll(async () => {
  auth = await startAuthSubgraph();
  [admin, partner, otherPartner] = await Promise.all([
    person(["admin"]),
    person(["partner"]),
    person(["partner"]),
  ]);
});
afterAll(async () => {
  await auth?.close();
});

describe("partner API keys", () => {
  it("an admin issues a key; the secret is shown once, stored only as a hash, and introspects to its scopes and limit", async () => {
    const result = await createKey({ scopes: ["catalog", "feed"] });
    expect(result.errors).toBeUndefined();
    const { secret, apiKey } = result.data!.createApiKey;
    expect(secret).toMatch(/^hpk_[\w-]{43}$/);
    expect(secret.startsWith(apiKey.prefix)).toBe(true);
    const stored = await auth.deps.db.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(stored.keyHash).not.toContain(secret.slice(4));
    expect(await introspect(secret)).toEqual({
      active: true,
      id: apiKey.id,
      ownerId: partner.id,
      scopes: ["catalog", "feed"],
      rateLimitPerMinute: 120,
    });
    // Recorded for ops's audit log with the key, never its secret.
    const recorded = await adminActions(apiKey.id);
    expect(recorded).toEqual([
      {
        actorId: admin.id,
        action: "create_api_key",
        subjectType: "ApiKey",
        subjectId: apiKey.id,
        details: {
          ownerId: partner.id,
          name: expect.any(String),
          scopes: ["catalog", "feed"],
          rateLimitPerMinute: 120,
        },
      },
    ]);
    expect(JSON.stringify(recorded)).not.toContain(secret.slice(4));
  });

  it("an unknown or malformed key introspects as inactive", async () => {
    expect(await introspect("hpk_not-a-real-key")).toEqual({ active: false });
    expect(await introspect("Bearer something")).toEqual({ active: false });
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await auth.deps.db.apiKey.count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ scopes: ["catalog", "billing"] }, "input.scopes"],
      [{ scopes: [] }, "input.scopes"],
      [{ rateLimitPerMinute: 0 }, "input.rateLimitPerMinute"],
      [{ name: "  " }, "input.name"],
      [{ ownerId: admin.id }, "input.ownerId"],
    ];
    for (const [input, field] of cases) {
      const result = await createKey(input);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await auth.deps.db.apiKey.count()).toBe(before);
  });

  it("only admins issue keys", async () => {
    const result = await createKey({}, partner.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("the owner revokes a key: it is inactive at once and marked revoked in Redis; another partner cannot touch it", async () => {
    const { secret, apiKey } = (await createKey({})).data!.createApiKey;
    const stranger = await auth.request(REVOKE_KEY, { id: apiKey.id }, otherPartner.token);
    expect(stranger.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const strangerList = await auth.request(LIST_KEYS, { ownerId: partner.id }, otherPartner.token);
    expect(strangerList.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const revoked = await auth.request<{ revokeApiKey: { revokedAt: string | null } }>(
      REVOKE_KEY,
      { id: apiKey.id },
      partner.token,
    );
    expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
    expect(await introspect(secret)).toEqual({ active: false });
    expect(await isApiKeyRevoked(auth.deps.redis, apiKey.id)).toBe(true);
    const own = await auth.request<{ apiKeys: Array<{ id: string }> }>(
      LIST_KEYS,
      { ownerId: partner.id },
      partner.token,
    );
    expect(own.data?.apiKeys.map((k) => k.id)).toContain(apiKey.id);
    // The owner revoking their own key is no admin action: only its issue is recorded.
    expect((await adminActions(apiKey.id)).map((action) => action.action)).toEqual(["create_api_key"]);
  });

  it("an admin revoking a partner's key is recorded for the audit log", async () => {
    const { apiKey } = (await createKey({})).data!.createApiKey;
    const revoked = await auth.request(REVOKE_KEY, { id: apiKey.id }, admin.token);
    expect(revoked.errors).toBeUndefined();
    expect(await adminActions(apiKey.id)).toContainEqual({
      actorId: admin.id,
      action: "revoke_api_key",
      subjectType: "ApiKey",
      subjectId: apiKey.id,
      details: { ownerId: partner.id, name: expect.any(String) },
    });
  });
});
