import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

// auth's outbox: a sign-up writes account_created with the account; a refused sign-in writes
// login_failed with the account (when the email named one) and a hash of the email, never the email or
// the password.

let auth: AuthHarness;
beforeAll(async () => {
  auth = await startAuthSubgraph();
});
afterAll(() => auth?.close());

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { user { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

const envelopes = async (subject: string) =>
  (await auth.deps.db.outboxEvent.findMany({ where: { subject }, orderBy: { createdAt: "asc" } })).map(
    (row) => row.envelope as { aggregateId: string; payload: Record<string, unknown> },
  );
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("auth's events", () => {
  it("account_created commits with the new account", async () => {
    const email = `new-${randomUUID()}@example.com`;
    const { data } = await auth.request<{ register: { user: { id: string } } }>(REGISTER, {
      input: { email, password: "correct-horse-42", displayName: "New" },
    });
    const id = data?.register.user.id;
    const created = (await envelopes("auth.account_created.v1")).filter((e) => e.aggregateId === id);
    expect(created).toHaveLength(1);
    expect(created[0]?.payload).toMatchObject({ accountId: id });
  });

  it("login_failed names the account and a hash of the email, for a wrong password and for an unknown email", async () => {
    const email = `Known-${randomUUID()}@Example.com`;
    const { data } = await auth.request<{ register: { user: { id: string } } }>(REGISTER, {
      input: { email, password: "correct-horse-42", displayName: "Known" },
    });
    const id = data?.register.user.id;
    const wrong = await auth.request(LOGIN, { input: { email, password: "not-my-password-1" } });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = `nobody-${randomUUID()}@example.com`;
    await auth.request(LOGIN, { input: { email: unknown, password: "whatever-password-2" } });

    const failed = await envelopes("auth.login_failed.v1");
    expect(failed.find((e) => e.payload.accountId === id)?.payload).toMatchObject({
      identifierHash: sha256(email.trim().toLowerCase()),
      reason: "WRONG_PASSWORD",
    });
    expect(failed.find((e) => e.payload.identifierHash === sha256(unknown))?.payload).toMatchObject({
      accountId: null,
      reason: "UNKNOWN_ACCOUNT",
    });
    const text = JSON.stringify(failed);
    expect(text).not.toMatch(/not-my-password|whatever-password|nobody-|known-/i);
  });

  it("admin_action_recorded commits with an admin's role grant, by that admin; a grant changing nothing publishes nothing", async () => {
    const adminEmail = `admin-${randomUUID()}@example.com`;
    const registered = await auth.request<{ register: { user: { id: string } } }>(REGISTER, {
      input: { email: adminEmail, password: "correct-horse-42", displayName: "Ada" },
    });
    const adminId = registered.data!.register.user.id;
    await auth.deps.db.account.update({ where: { id: adminId }, data: { roles: ["user", "admin"] } });
    const login = await auth.request<{ login: { accessToken: string } }>(LOGIN, {
      input: { email: adminEmail, password: "correct-horse-42" },
    });
    const token = login.data!.login.accessToken;
    const partner = await auth.request<{ register: { user: { id: string } } }>(REGISTER, {
      input: { email: `p-${randomUUID()}@example.com`, password: "correct-horse-42", displayName: "Pat" },
    });
    const partnerId = partner.data!.register.user.id;
    const GRANT = "mutation($u: ID!) { grantRole(userId: $u, role: PARTNER) { id } }";
    for (let n = 0; n < 2; n++)
      expect((await auth.request(GRANT, { u: partnerId }, token)).errors).toBeUndefined();

    const recorded = (
      await auth.deps.db.outboxEvent.findMany({
        where: { subject: "auth.admin_action_recorded.v1", aggregateId: partnerId },
      })
    ).map((row) => row.envelope as { actorId: string; payload: unknown });
    expect(recorded).toEqual([
      expect.objectContaining({
        actorId: adminId,
        payload: {
          action: "grant_role",
          subjectType: "User",
          subjectId: partnerId,
          details: { role: "partner" },
        },
      }),
    ]);
  });
});
