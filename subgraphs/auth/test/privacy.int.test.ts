import { randomUUID } from "node:crypto";
import { privacyAnswersOf } from "@health/events/catalog";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  eraseThroughSubgraph,
  eventually,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDueErasures } from "../src/privacy/erasureSweeper.ts";
import { AUTH_TABLES } from "../src/privacy/policy.ts";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

// auth's part of data-subject rights: its export of a person, and their erasure as auth's own
// auth-privacy consumer carries it out when the sweeper starts it.

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`;
const REFRESH = `mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`;
const GRANT = `mutation($u: ID!, $r: Role!) { grantRole(userId: $u, role: $r) { id } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`;
const APPLY = `mutation($input: ApplyAsCoachInput!) { applyAsCoach(input: $input) { id } }`;
const APPROVE = `mutation($id: ID!) { approveCoachApplication(id: $id) { id } }`;
const REQUEST_ERASURE = `mutation($p: String!) { requestAccountErasure(password: $p) { id } }`;
const CANCEL_ERASURE = `mutation($id: ID!) { cancelAccountErasure(id: $id) { id } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id } } }`;

const password = "correct-horse-42";

interface Person {
  id: string;
  email: string;
  displayName: string;
  token: string;
  refreshToken: string;
}

let auth: AuthHarness;
let target: PrivacyTestTarget;

async function call<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const result = await auth.request<T>(query, variables, token);
  if (result.errors || !result.data) throw new Error(JSON.stringify(result.errors));
  return result.data;
}

async function register(): Promise<Person> {
  const tag = randomUUID().slice(0, 8);
  const email = `p-${tag}@example.com`;
  const displayName = `Perdita ${tag}`;
  const { register } = await call<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(REGISTER, { input: { email, password, displayName } });
  return {
    id: register.user.id,
    email,
    displayName,
    token: register.accessToken,
    refreshToken: register.refreshToken,
  };
}

async function refreshed(person: Person): Promise<Person> {
  const { refreshToken } = await call<{ refreshToken: { accessToken: string; refreshToken: string } }>(
    REFRESH,
    { t: person.refreshToken },
  );
  return { ...person, token: refreshToken.accessToken, refreshToken: refreshToken.refreshToken };
}

const certificate = (number: string) => ({
  specialties: ["running"],
  regions: ["shanghai"],
  certificates: [{ name: "Coach cert", issuer: "Board", number }],
});

/** What the person left in auth: every kind of row auth holds about someone. */
interface Seeded {
  person: Person;
  other: Person;
  sessionIds: string[];
  apiKeyId: string;
  apiKeyName: string;
  applicationId: string;
  certificateNumber: string;
  otherApplicationId: string;
  cancelledErasureId: string;
}

let seeded: Seeded;

async function seed(): Promise<Seeded> {
  const boss = await refreshed(
    await (async () => {
      const admin = await register();
      await auth.deps.db.account.update({ where: { id: admin.id }, data: { roles: ["user", "admin"] } });
      return admin;
    })(),
  );
  let person = await register();
  const other = await register();
  // A second session (sign-in) beside the registration's.
  await call(LOGIN, { input: { email: person.email, password } });
  // The person is a partner with a key, and an admin who decided someone else's coach application.
  await call(GRANT, { u: person.id, r: "PARTNER" }, boss.token);
  await call(GRANT, { u: person.id, r: "ADMIN" }, boss.token);
  person = await refreshed(person);
  const apiKeyName = `key of ${person.displayName}`;
  const { createApiKey } = await call<{ createApiKey: { apiKey: { id: string } } }>(
    CREATE_KEY,
    { input: { ownerId: person.id, name: apiKeyName, scopes: ["catalog"], rateLimitPerMinute: 60 } },
    boss.token,
  );
  const certificateNumber = `CERT-${randomUUID()}`;
  const { applyAsCoach } = await call<{ applyAsCoach: { id: string } }>(
    APPLY,
    { input: certificate(certificateNumber) },
    person.token,
  );
  const theirs = await call<{ applyAsCoach: { id: string } }>(
    APPLY,
    { input: certificate(`CERT-${randomUUID()}`) },
    other.token,
  );
  await call(APPROVE, { id: theirs.applyAsCoach.id }, person.token);
  // An erasure the person asked for and cancelled.
  const { requestAccountErasure } = await call<{ requestAccountErasure: { id: string } }>(
    REQUEST_ERASURE,
    { p: password },
    person.token,
  );
  await call(CANCEL_ERASURE, { id: requestAccountErasure.id }, person.token);
  const sessions = await auth.deps.db.session.findMany({ where: { accountId: person.id } });
  return {
    person,
    other,
    sessionIds: sessions.map((session) => session.id).sort(),
    apiKeyId: createApiKey.apiKey.id,
    apiKeyName,
    applicationId: applyAsCoach.id,
    certificateNumber,
    otherApplicationId: theirs.applyAsCoach.id,
    cancelledErasureId: requestAccountErasure.id,
  };
}

beforeAll(async () => {
  auth = await startAuthSubgraph({
    ACCOUNT_ERASURE_SWEEP_SECONDS: "86400",
    LOGIN_MAX_ATTEMPTS_PER_IP: "1000",
  });
  target = { subgraph: "auth", db: auth.deps.db, nats: auth.deps.nats, bus: auth.bus, publish: auth.publish };
  seeded = await seed();
});
afterAll(async () => {
  await auth?.close();
});

const ids = (items: readonly unknown[]) => items.map((item) => (item as { id: string }).id).sort();

describe("auth's privacy", () => {
  it("names every table of its database in its policy, and none that does not exist", async () => {
    expect(await policyGaps(auth.deps.db, AUTH_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports the account, its sessions, keys, coach applications and erasure requests, and nobody else's", async () => {
    const { person, other } = seeded;
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const { sections } = part;
    expect(sections.account).toEqual([
      expect.objectContaining({
        id: person.id,
        email: person.email,
        displayName: person.displayName,
        roles: ["user", "partner", "admin"],
      }),
    ]);
    expect(ids(sections.sessions!)).toEqual(seeded.sessionIds);
    expect(sections.sessions![0]).toEqual(
      expect.objectContaining({ ip: expect.any(String), createdAt: expect.any(String) }),
    );
    expect(ids(sections.apiKeys!)).toEqual([seeded.apiKeyId]);
    expect(sections.apiKeys![0]).toMatchObject({ name: seeded.apiKeyName, scopes: ["catalog"] });
    expect(ids(sections.coachApplications!)).toEqual([seeded.applicationId]);
    expect(sections.coachApplications![0]).toMatchObject({
      status: "pending",
      certificates: [expect.objectContaining({ number: seeded.certificateNumber })],
    });
    expect(ids(sections.erasureRequests!)).toEqual([seeded.cancelledErasureId]);
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(sections).map(([name, items]) => [name, items.length])),
    );
    // Never a secret, never someone else.
    const text = JSON.stringify(part);
    for (const absent of [
      other.id,
      other.email,
      "token_hash",
      "tokenHash",
      "keyHash",
      "passwordHash",
      "argon2",
    ])
      expect(text).not.toContain(absent);
    expect(text).not.toContain(seeded.otherApplicationId);
  });

  it("erases the person when their erasure starts: nothing of them remains but the erasure's tombstone row", async () => {
    const { person, other } = seeded;
    const { requestAccountErasure } = await call<{ requestAccountErasure: { id: string } }>(
      REQUEST_ERASURE,
      { p: password },
      person.token,
    );
    const erasureId = requestAccountErasure.id;
    expect(await startDueErasures(auth.deps, new Date(Date.now() + 8 * 24 * 3600 * 1000))).toEqual([
      erasureId,
    ]);

    // auth-privacy consumes auth's own account_erasure_started and acknowledges it.
    const acknowledged = privacyAnswersOf.auth.acknowledged.subject;
    const [ack] = await eventually(
      () => auth.deps.db.outboxEvent.findMany({ where: { subject: acknowledged, aggregateId: erasureId } }),
      (rows) => rows.length > 0,
      30_000,
    );
    const tables = (ack!.envelope as { payload: { tables: unknown[] } }).payload.tables;
    expect(tables).toEqual(
      expect.arrayContaining([
        { table: "auth_tokens", action: "DELETED", rows: expect.any(Number) },
        { table: "sessions", action: "DELETED", rows: 2 },
        { table: "api_keys", action: "DELETED", rows: 1 },
        { table: "coach_certificates", action: "DELETED", rows: 1 },
        { table: "coach_applications", action: "DELETED", rows: 1 },
        { table: "coach_applications", action: "TOMBSTONED", rows: 1 },
        { table: "res_users", action: "DELETED", rows: 1 },
        { table: "account_erasures", action: "DELETED", rows: 1 },
        { table: "account_erasures", action: "TOMBSTONED", rows: 1 },
      ]),
    );

    const erasure = await auth.deps.db.accountErasure.findUniqueOrThrow({ where: { id: erasureId } });
    expect(erasure).toMatchObject({ status: "IN_PROGRESS", userId: null });
    expect(erasure.tombstoneId).toBeTruthy();
    const needles = [
      person.id,
      person.email,
      person.displayName,
      seeded.apiKeyName,
      seeded.certificateNumber,
      ...seeded.sessionIds,
    ];
    expect(await findTraces(auth.deps.db, needles)).toEqual([]);
    // The only row the erasure left is its own proof, under the tombstone id.
    expect(await findTraces(auth.deps.db, [erasure.tombstoneId!])).toEqual(
      expect.arrayContaining([{ table: "account_erasures", column: "tombstone_id", rows: 1 }]),
    );

    // The other person's application stays, decided by the tombstone now; their account is whole.
    const theirs = await auth.deps.db.coachApplication.findUniqueOrThrow({
      where: { id: seeded.otherApplicationId },
    });
    expect(theirs).toMatchObject({ status: "approved", decidedBy: erasure.tombstoneId });
    expect(await auth.deps.db.account.findUnique({ where: { id: other.id } })).toMatchObject({
      email: other.email,
    });
    expect(await auth.deps.db.session.count({ where: { accountId: other.id } })).toBe(1);

    // Through federation the erased id resolves to nothing.
    const entities = await call<{ _entities: unknown[] }>(ENTITIES, {
      reps: [
        { __typename: "User", id: person.id },
        { __typename: "User", id: other.id },
      ],
    });
    expect(entities._entities).toEqual([null, { id: other.id }]);

    // The same erasure delivered again finds nothing left: zeros, and nothing changes.
    const again = await eraseThroughSubgraph(target, person.id, {
      erasureId,
      tombstoneId: erasure.tombstoneId!,
    });
    expect(again.tables.every((table) => table.rows === 0)).toBe(true);
    expect(await findTraces(auth.deps.db, needles)).toEqual([]);
    expect(
      await auth.deps.db.coachApplication.findUniqueOrThrow({ where: { id: seeded.otherApplicationId } }),
    ).toMatchObject({ decidedBy: erasure.tombstoneId });
  });
});
