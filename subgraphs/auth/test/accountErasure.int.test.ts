import { randomUUID } from "node:crypto";
import { accountErasureStartedV1, privacyAnswersOf } from "@health/events/catalog";
import { DATA_HOLDERS, type DataHolder } from "@health/events/privacy";
import { isSessionRevoked } from "@health/platform/auth";
import { prepareEvent } from "@health/platform/events";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cancelAccountErasure } from "../src/privacy/accountErasures.ts";
import { startDueErasures } from "../src/privacy/erasureSweeper.ts";
import { type AuthHarness, startAuthSubgraph } from "./harness.ts";

// Two auth subgraphs, each over its own database: `quiet` runs no consumer, so what the sweeper did stays
// in place to look at (the outbox row, the locked account); `live` runs auth-privacy, which erases auth's
// own rows and records every subgraph's acknowledgement.

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterInput!) {
    register(input: $input) { accessToken refreshToken user { id } }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($token: String!) { refreshToken(refreshToken: $token) { accessToken refreshToken } }
`;
const FIELDS = `id status requestedAt scheduledFor startedAt completedAt cancelledAt
  subgraphs { subgraph finished acknowledgedAt tables { table action rows } }`;
const REQUEST = `mutation($p: String!) { requestAccountErasure(password: $p) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!) { cancelAccountErasure(id: $id) { ${FIELDS} } }`;
const STATUS = `query($id: ID!) { accountErasureStatus(id: $id) { ${FIELDS} } }`;

interface Person {
  id: string;
  email: string;
  accessToken: string;
  refreshToken: string;
}
interface Erasure {
  id: string;
  status: string;
  scheduledFor: string;
  completedAt: string | null;
  subgraphs: Array<{
    subgraph: string;
    finished: boolean;
    tables: Array<{ table: string; action: string; rows: number }>;
  }>;
}

const password = "correct-horse-42";
const COOLING_OFF_SECONDS = 3600;
/** A time after every cooling-off period these tests start. */
const later = () => new Date(Date.now() + 2 * COOLING_OFF_SECONDS * 1000);

let quiet: AuthHarness;
let live: AuthHarness;

beforeAll(async () => {
  const env = {
    ACCOUNT_ERASURE_COOLING_OFF_SECONDS: String(COOLING_OFF_SECONDS),
    // The tests sweep themselves; the timer never fires during them.
    ACCOUNT_ERASURE_SWEEP_SECONDS: "86400",
    LOGIN_MAX_ATTEMPTS_PER_IP: "1000",
  };
  [quiet, live] = await Promise.all([startAuthSubgraph(env, { consumer: false }), startAuthSubgraph(env)]);
});
afterAll(async () => {
  await Promise.all([quiet?.close(), live?.close()]);
});

async function register(auth: AuthHarness): Promise<Person> {
  const email = `e-${randomUUID()}@example.com`;
  const result = await auth.request<{ register: Person & { user: { id: string } } }>(REGISTER, {
    input: { email, password, displayName: "Erin" },
  });
  expect(result.errors).toBeUndefined();
  const { accessToken, refreshToken, user } = result.data!.register;
  return { id: user.id, email, accessToken, refreshToken };
}

async function admin(auth: AuthHarness): Promise<Person> {
  const person = await register(auth);
  await auth.deps.db.account.update({ where: { id: person.id }, data: { roles: ["user", "admin"] } });
  const refreshed = await auth.request<{ refreshToken: Person }>(REFRESH, { token: person.refreshToken });
  return { ...person, ...refreshed.data!.refreshToken };
}

async function requestErasure(auth: AuthHarness, person: Person): Promise<Erasure> {
  const result = await auth.request<{ requestAccountErasure: Erasure }>(
    REQUEST,
    { p: password },
    person.accessToken,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.requestAccountErasure;
}

const status = (auth: AuthHarness, id: string, token: string) =>
  auth.request<{ accountErasureStatus: Erasure }>(STATUS, { id }, token);

const sessionOf = (token: string): string =>
  JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).sid;

async function acknowledge(auth: AuthHarness, subgraph: DataHolder, erasureId: string, rows: number) {
  const event = privacyAnswersOf[subgraph].acknowledged;
  const { envelope } = prepareEvent(
    event,
    { erasureId, tables: [{ table: `${subgraph}_things`, action: "DELETED", rows }] },
    { aggregateId: erasureId, actorId: null },
  );
  await auth.publish(event, envelope);
}

const acksOf = (auth: AuthHarness, erasureId: string) =>
  auth.deps.db.accountErasureAck.findMany({ where: { erasureId } });

describe("requesting an erasure", () => {
  it("refuses a wrong password with FORBIDDEN and writes nothing", async () => {
    const person = await register(quiet);
    const wrong = await quiet.request(REQUEST, { p: "not-my-password" }, person.accessToken);
    expect(wrong.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(wrong.errors?.[0]?.message).toMatch(/The password is wrong/);
    expect(await quiet.deps.db.accountErasure.count({ where: { userId: person.id } })).toBe(0);
  });

  it("counts wrong passwords with the sign-in throttle", async () => {
    const person = await register(quiet);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      const wrong = await quiet.request(REQUEST, { p: `guess-${i}` }, person.accessToken);
      codes.push(String(wrong.errors?.[0]?.extensions?.code));
    }
    expect(codes).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "RATE_LIMITED"]);
    expect(await quiet.deps.db.accountErasure.count({ where: { userId: person.id } })).toBe(0);
  });

  it("stays PENDING through the cooling-off period, returns the pending one when asked again, and cancels", async () => {
    const person = await register(quiet);
    const erasure = await requestErasure(quiet, person);
    expect(erasure.status).toBe("PENDING");
    const coolingOff = new Date(erasure.scheduledFor).getTime() - Date.now();
    expect(coolingOff).toBeGreaterThan((COOLING_OFF_SECONDS - 60) * 1000);
    expect(erasure.subgraphs.map((s) => [s.subgraph, s.finished])).toEqual(
      DATA_HOLDERS.map((subgraph) => [subgraph, false]),
    );
    expect((await requestErasure(quiet, person)).id).toBe(erasure.id);

    // Not due yet: a sweep now starts nothing of it.
    expect(await startDueErasures(quiet.deps)).not.toContain(erasure.id);
    expect((await status(quiet, erasure.id, person.accessToken)).data?.accountErasureStatus.status).toBe(
      "PENDING",
    );

    const cancelled = await quiet.request<{ cancelAccountErasure: Erasure }>(
      CANCEL,
      { id: erasure.id },
      person.accessToken,
    );
    expect(cancelled.data?.cancelAccountErasure.status).toBe("CANCELLED");
    const again = await quiet.request(CANCEL, { id: erasure.id }, person.accessToken);
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      currentState: "CANCELLED",
    });
    // A cancelled erasure never starts; the person may ask again later.
    expect(await startDueErasures(quiet.deps, later())).not.toContain(erasure.id);
    expect((await requestErasure(quiet, person)).id).not.toBe(erasure.id);
  });

  it("lets no one else see or cancel it; an admin sees it but cannot cancel it", async () => {
    const person = await register(quiet);
    const other = await register(quiet);
    const boss = await admin(quiet);
    const erasure = await requestErasure(quiet, person);

    expect((await status(quiet, erasure.id, other.accessToken)).errors?.[0]?.extensions?.code).toBe(
      "NOT_FOUND",
    );
    const otherCancel = await quiet.request(CANCEL, { id: erasure.id }, other.accessToken);
    expect(otherCancel.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    expect((await status(quiet, erasure.id, boss.accessToken)).data?.accountErasureStatus.id).toBe(
      erasure.id,
    );
    const bossCancel = await quiet.request(CANCEL, { id: erasure.id }, boss.accessToken);
    expect(bossCancel.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Naming someone else is FORBIDDEN, an admin included, and writes nothing for either of them.
    const named = await quiet.request(
      `mutation($p: String!, $u: ID!) { requestAccountErasure(password: $p, userId: $u) { id } }`,
      { p: password, u: person.id },
      boss.accessToken,
    );
    expect(named.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await quiet.deps.db.accountErasure.count({ where: { userId: boss.id } })).toBe(0);
    expect(await quiet.deps.db.accountErasure.count({ where: { userId: person.id } })).toBe(1);
    const anonymous = await quiet.request(REQUEST, { p: password });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("starting an erasure", () => {
  it("starts a due erasure exactly once, kills the person's tokens and publishes account_erasure_started", async () => {
    const person = await register(quiet);
    const second = await quiet.request<{ login: Person }>(LOGIN, {
      input: { email: person.email, password },
    });
    const bystander = await register(quiet);
    const erasure = await requestErasure(quiet, person);

    const sweeps = await Promise.all([
      startDueErasures(quiet.deps, later()),
      startDueErasures(quiet.deps, later()),
    ]);
    expect(sweeps.flat().filter((id) => id === erasure.id)).toHaveLength(1);
    const row = await quiet.deps.db.accountErasure.findUniqueOrThrow({ where: { id: erasure.id } });
    expect(row).toMatchObject({ status: "IN_PROGRESS", userId: person.id });
    expect(row.tombstoneId).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.tombstoneId).not.toBe(person.id);

    // Every session is revoked in Redis (what the router and the subgraphs check) and in the database.
    for (const token of [person.accessToken, second.data!.login.accessToken])
      expect(await isSessionRevoked(quiet.deps.redis, sessionOf(token))).toBe(true);
    const me = await quiet.request("query { me { id } }", {}, person.accessToken);
    expect(me.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const refresh = await quiet.request(REFRESH, { token: person.refreshToken });
    expect(refresh.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const login = await quiet.request(LOGIN, { input: { email: person.email, password } });
    expect(login.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const sessions = await quiet.deps.db.session.findMany({ where: { accountId: person.id } });
    expect(sessions.map((s) => s.revokeReason)).toEqual(["account erasure", "account erasure"]);
    // Nobody else is touched.
    const theirs = await quiet.request<{ me: { id: string } }>(
      "query { me { id } }",
      {},
      bystander.accessToken,
    );
    expect(theirs.data?.me.id).toBe(bystander.id);

    const events = await quiet.deps.db.outboxEvent.findMany({
      where: { subject: accountErasureStartedV1.subject, aggregateId: erasure.id },
    });
    expect(events.map((e) => (e.envelope as { payload: unknown }).payload)).toEqual([
      {
        erasureId: erasure.id,
        userId: person.id,
        tombstoneId: row.tombstoneId,
        startedAt: row.startedAt!.toISOString(),
      },
    ]);

    // Started: the owner can no longer cancel it.
    const actor = {
      userId: person.id,
      roles: ["user" as const],
      sessionId: "s",
      token: "t",
      expiresAt: new Date(),
    };
    await expect(cancelAccountErasure(quiet.deps, actor, erasure.id)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("finishing an erasure", () => {
  it("completes once all ten subgraphs acknowledged, listing each one's counts, and clears the person's id", async () => {
    const person = await register(live);
    const boss = await admin(live);
    const erasure = await requestErasure(live, person);
    expect(await startDueErasures(live.deps, later())).toContain(erasure.id);

    // auth acknowledges itself (its auth-privacy consumer erased the account); the others answer here.
    const own = await eventually(
      () => live.deps.db.accountErasureAck.findMany({ where: { erasureId: erasure.id } }),
      (acks) => acks.length === 1,
    );
    expect(own.map((ack) => ack.subgraph)).toEqual(["auth"]);
    expect(await live.deps.db.account.count({ where: { id: person.id } })).toBe(0);

    const others = DATA_HOLDERS.filter((subgraph) => subgraph !== "auth");
    for (const [index, subgraph] of others.entries())
      await acknowledge(live, subgraph, erasure.id, index + 1);
    // A redelivered acknowledgement with other counts changes nothing.
    await acknowledge(live, "user", erasure.id, 99);

    const done = await eventually(
      () => live.deps.db.accountErasure.findUniqueOrThrow({ where: { id: erasure.id } }),
      (row) => row.status === "COMPLETED",
    );
    expect(done).toMatchObject({ status: "COMPLETED", userId: null });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(done.tombstoneId).toBeTruthy();

    const shown = (await status(live, erasure.id, boss.accessToken)).data!.accountErasureStatus;
    expect(shown.status).toBe("COMPLETED");
    expect(shown.subgraphs.map((s) => s.subgraph)).toEqual([...DATA_HOLDERS]);
    expect(shown.subgraphs.every((s) => s.finished)).toBe(true);
    for (const [index, subgraph] of others.entries())
      expect(shown.subgraphs.find((s) => s.subgraph === subgraph)?.tables).toEqual([
        { table: `${subgraph}_things`, action: "DELETED", rows: index + 1 },
      ]);
    expect(shown.subgraphs.find((s) => s.subgraph === "auth")?.tables).toContainEqual({
      table: "res_users",
      action: "DELETED",
      rows: 1,
    });
    expect((await acksOf(live, erasure.id)).length).toBe(DATA_HOLDERS.length);
  });

  it("stays IN_PROGRESS while a subgraph has not answered, showing which", async () => {
    const person = await register(live);
    const boss = await admin(live);
    const erasure = await requestErasure(live, person);
    expect(await startDueErasures(live.deps, later())).toContain(erasure.id);
    for (const subgraph of DATA_HOLDERS.filter((s) => s !== "auth" && s !== "ai"))
      await acknowledge(live, subgraph, erasure.id, 1);
    await eventually(
      () => live.deps.db.accountErasureAck.count({ where: { erasureId: erasure.id } }),
      (count) => count === DATA_HOLDERS.length - 1,
    );

    const shown = (await status(live, erasure.id, boss.accessToken)).data!.accountErasureStatus;
    expect(shown.status).toBe("IN_PROGRESS");
    expect(shown.completedAt).toBeNull();
    expect(shown.subgraphs.filter((s) => !s.finished).map((s) => s.subgraph)).toEqual(["ai"]);

    await acknowledge(live, "ai", erasure.id, 0);
    const done = await eventually(
      () => live.deps.db.accountErasure.findUniqueOrThrow({ where: { id: erasure.id } }),
      (row) => row.status === "COMPLETED",
    );
    expect(done.userId).toBeNull();
  });
});
