import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id email displayName roles } }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id } } }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($token: String!) { refreshToken(refreshToken: $token) { accessToken refreshToken } }
`;
const ME = /* GraphQL */ `query { me { id email displayName roles } }`;

type Tokens = { accessToken: string; refreshToken: string; user: { id: string } };

let auth: AuthHarness;
const email = () => `u-${randomUUID()}@example.com`;
const password = "correct-horse-42";

async function register(address = email()): Promise<Tokens> {
  const result = await auth.request<{ register: Tokens }>(REGISTER, {
    input: { email: address, password, displayName: "Ann" },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.register;
}

beforeAll(async () => {
  auth = await startAuthSubgraph({
    LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_IP: "3",
    LOGIN_MAX_ATTEMPTS_PER_IP: "1000",
  });
});
afterAll(async () => {
  await auth?.close();
});

describe("auth subgraph", () => {
  it("registers, signs in and answers `me` with a token it signed", async () => {
    const address = email();
    const registered = await register(address);
    const login = await auth.request<{ login: Tokens }>(LOGIN, {
      input: { email: address.toUpperCase(), password },
    });
    expect(login.errors).toBeUndefined();
    const me = await auth.request<{ me: { id: string; email: string } }>(
      ME,
      {},
      login.data!.login.accessToken,
    );
    expect(me.data?.me).toMatchObject({ id: registered.user.id, email: address, roles: ["USER"] });
  });

  it("publishes its signing keys as JWKS without private parts", async () => {
    const response = await fetch(new URL("/.well-known/jwks.json", auth.url));
    const { keys } = (await response.json()) as { keys: Array<Record<string, string>> };
    expect(keys.length).toBeGreaterThan(0);
    expect(keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA" });
    expect(keys[0]).not.toHaveProperty("d");
  });

  it("refuses a duplicate email with CONFLICT and a malformed one with BAD_USER_INPUT", async () => {
    const address = email();
    await register(address);
    const again = await auth.request(REGISTER, { input: { email: address, password, displayName: "B" } });
    expect(again.errors?.[0], JSON.stringify(again.errors)).toMatchObject({
      extensions: { code: "CONFLICT" },
    });
    const bad = await auth.request(REGISTER, { input: { email: "nope", password, displayName: "B" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "email" });
  });

  it("rotates refresh tokens, and reuse of an old one revokes the whole family", async () => {
    const first = await register();
    const second = await auth.request<{ refreshToken: Tokens }>(REFRESH, { token: first.refreshToken });
    expect(second.errors).toBeUndefined();
    const third = await auth.request<{ refreshToken: Tokens }>(REFRESH, {
      token: second.data!.refreshToken.refreshToken,
    });
    expect(third.errors).toBeUndefined();

    const reuse = await auth.request(REFRESH, { token: first.refreshToken });
    expect(reuse.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(reuse.errors?.[0]?.message).toContain("session was revoked");

    // The newest token of the family is dead too: the thief and the owner both have to sign in again.
    const newest = await auth.request(REFRESH, { token: third.data!.refreshToken.refreshToken });
    expect(newest.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const sessions = await auth.deps.db.session.findMany({ where: { accountId: first.user.id } });
    expect(sessions.map((s) => s.revokeReason)).toEqual(["refresh token reuse"]);
  });

  it("lets exactly one of two concurrent refreshes win", async () => {
    const tokens = await register();
    const results = await Promise.all([
      auth.request(REFRESH, { token: tokens.refreshToken }),
      auth.request(REFRESH, { token: tokens.refreshToken }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it("stores refresh tokens hashed and passwords with argon2id", async () => {
    const tokens = await register();
    const stored = await auth.deps.db.refreshToken.findMany({
      where: { session: { accountId: tokens.user.id } },
    });
    expect(stored.map((t) => t.tokenHash)).not.toContain(tokens.refreshToken);
    const account = await auth.deps.db.account.findUniqueOrThrow({ where: { id: tokens.user.id } });
    expect(account.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("rate-limits failed sign-ins per account in Redis", async () => {
    const address = email();
    await register(address);
    const wrong = { input: { email: address, password: "wrong-password-1" } };
    for (let i = 0; i < 3; i++) {
      const attempt = await auth.request(LOGIN, wrong);
      expect(attempt.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const limited = await auth.request(LOGIN, { input: { email: address, password } });
    expect(limited.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(limited.errors?.[0]?.extensions?.retryAfterSeconds)).toBeGreaterThan(0);
  });

  it("an attacker failing from one address does not lock the owner out elsewhere", async () => {
    const address = email();
    await register(address);
    const loginFrom = async (ip: string, attempt: string) => {
      // Signed as the router signs: the router is the proxy whose X-Forwarded-For auth believes.
      const response = await auth.routerKeys.signedFetch(auth.url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": ip },
        body: JSON.stringify({ query: LOGIN, variables: { input: { email: address, password: attempt } } }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      return body.errors?.[0]?.extensions?.code ?? "OK";
    };
    const attacker = "203.0.113.7";
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await loginFrom(attacker, `wrong-password-${i}`));
    expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
    // Even the right password stays refused from the attacker's address for the window...
    expect(await loginFrom(attacker, password)).toBe("RATE_LIMITED");
    // ...while the owner, from their own address, signs in.
    expect(await loginFrom("198.51.100.9", password)).toBe("OK");
  });

  it("logout revokes the session: its refresh token stops working and verifyToken says so", async () => {
    const tokens = await register();
    const out = await auth.request<{ logout: boolean }>("mutation { logout }", {}, tokens.accessToken);
    expect(out.data?.logout).toBe(true);
    const refresh = await auth.request(REFRESH, { token: tokens.refreshToken });
    expect(refresh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const verify = await auth.request<{ verifyToken: { valid: boolean; reason: string } }>(
      "query($t: String!) { verifyToken(token: $t) { valid reason } }",
      { t: tokens.accessToken },
    );
    expect(verify.data?.verifyToken).toEqual({ valid: false, reason: "session revoked" });
  });

  it("keeps old tokens valid across a key rotation while signing new ones with the new key", async () => {
    const admin = await register();
    await auth.deps.db.account.update({ where: { id: admin.user.id }, data: { roles: ["user", "admin"] } });
    const adminLogin = await auth.request<{ refreshToken: Tokens }>(REFRESH, { token: admin.refreshToken });
    const adminToken = adminLogin.data!.refreshToken.accessToken;
    const user = await register();

    const rotated = await auth.request<{ rotateSigningKey: string }>(
      "mutation { rotateSigningKey }",
      {},
      adminToken,
    );
    expect(rotated.errors).toBeUndefined();
    expect((await auth.request(ME, {}, user.accessToken)).data).toBeTruthy();
    // The rotation is recorded for ops's audit log, in its transaction.
    const recorded = await auth.deps.db.outboxEvent.findMany({
      where: { subject: "auth.admin_action_recorded.v1", aggregateId: rotated.data!.rotateSigningKey },
    });
    expect(recorded.map((row) => row.envelope)).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        payload: expect.objectContaining({ action: "rotate_signing_key", subjectType: "SigningKey" }),
      }),
    ]);

    // Verifiers refetch the JWKS for an unknown key id at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fresh = await auth.request<{ refreshToken: Tokens }>(REFRESH, { token: user.refreshToken });
    const header = JSON.parse(
      Buffer.from(fresh.data!.refreshToken.accessToken.split(".")[0]!, "base64url").toString(),
    );
    expect(header.kid).toBe(rotated.data!.rotateSigningKey);
    expect((await auth.request(ME, {}, fresh.data!.refreshToken.accessToken)).errors).toBeUndefined();
  });

  it("refuses a role at sign-up: every account starts as a USER", async () => {
    const address = email();
    const asVariable = await auth.request(REGISTER, {
      input: { email: address, password, displayName: "Mallory", role: "COACH" },
    });
    expect(asVariable.errors?.[0]?.message).toMatch(/"role" is not defined by type "RegisterInput"/);
    const inline = await auth.request(
      `mutation { register(input: { email: "${address}", password: "${password}", displayName: "Mallory",
        role: COACH }) { accessToken } }`,
    );
    expect(inline.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await auth.deps.db.account.count({ where: { email: address } })).toBe(0);
    const plain = await register(address);
    expect(
      (await auth.request<{ me: { roles: string[] } }>(ME, {}, plain.accessToken)).data?.me.roles,
    ).toEqual(["USER"]);
  });

  it("returns permissions to the user and refuses them to others", async () => {
    const person = await register();
    const other = await register();
    const own = await auth.request<{ permissions: { roles: string[]; permissions: string[] } }>(
      "query($id: ID!) { permissions(userId: $id) { roles permissions } }",
      { id: person.user.id },
      person.accessToken,
    );
    expect(own.data?.permissions.roles).toEqual(["USER"]);
    expect(own.data?.permissions.permissions).toContain("orders:create");
    expect(own.data?.permissions.permissions).not.toContain("orders:grab");
    const theirs = await auth.request(
      "query($id: ID!) { permissions(userId: $id) { roles } }",
      { id: person.user.id },
      other.accessToken,
    );
    expect(theirs.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("resolves User references for other subgraphs, hiding email and roles from strangers", async () => {
    const tokens = await register();
    const other = await register();
    const query =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName email roles } } }";
    const r = [{ __typename: "User", id: tokens.user.id }];
    const hidden = { id: tokens.user.id, displayName: "Ann", email: null, roles: null };
    expect((await auth.request(query, { r })).data?._entities).toEqual([hidden]);
    expect((await auth.request(query, { r }, other.accessToken)).data?._entities).toEqual([hidden]);
    const own = await auth.request<{ _entities: Array<{ roles: string[] }> }>(
      query,
      { r },
      tokens.accessToken,
    );
    expect(own.data?._entities[0]?.roles).toEqual(["USER"]);
  });

  it("masks internal errors: no stack, no SQL", async () => {
    const result = await auth.request(
      'query { user(id: "not-a-uuid") { id } }',
      {},
      (await register()).accessToken,
    );
    expect(result.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "id" });
  });
});
