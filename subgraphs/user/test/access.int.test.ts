import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

const RECORD = `mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }`;
const RECORDS = `query($userId: ID!, $metric: HealthMetric) {
  healthRecords(userId: $userId, metric: $metric) { nodes { metric value } }
}`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id live metrics } }`;
const REVOKE = `mutation($id: ID!) { revokeConsent(id: $id) { id live revokedAt } }`;
const LOG = `query($userId: ID!) {
  healthDataAccessLog(userId: $userId) { actorId actorRole resource metric outcome reason grantId }
}`;

type Person = { id: string; token: string };
let h: UserHarness;
let owner: Person;

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
const logRows = (ownerId: string, actorId: string) =>
  h.db.healthDataAccessLog.findMany({ where: { ownerId, actorId }, orderBy: { id: "asc" } });

beforeAll(async () => {
  h = await startUserSubgraph();
  owner = await h.person();
  await h.request(RECORD, { input: { metric: "WEIGHT", value: 80 } }, owner.token);
  await h.request(RECORD, { input: { metric: "GLUCOSE", value: 5.2 } }, owner.token);
});
afterAll(async () => {
  await h?.close();
});

describe("who may read health data", () => {
  it("refuses another user with FORBIDDEN and commits a DENIED log row", async () => {
    const stranger = await h.person();
    const res = await h.request(RECORDS, { userId: owner.id }, stranger.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.data).toBeNull();
    expect(await logRows(owner.id, stranger.id)).toMatchObject([
      { actorRole: "USER", resource: "HEALTH_RECORDS", outcome: "DENIED" },
    ]);
  });

  it("logs the owner's own reads as ALLOWED", async () => {
    const res = await h.request(RECORDS, { userId: owner.id, metric: "WEIGHT" }, owner.token);
    expect(res.errors).toBeUndefined();
    expect((await logRows(owner.id, owner.id)).at(-1)).toMatchObject({
      actorRole: "OWNER",
      metric: "WEIGHT",
      outcome: "ALLOWED",
    });
  });

  it("lets an admin read", async () => {
    const admin = await h.person(["user", "admin"]);
    const res = await h.request<{ healthRecords: { nodes: unknown[] } }>(
      RECORDS,
      { userId: owner.id },
      admin.token,
    );
    expect(res.data?.healthRecords.nodes).toHaveLength(2);
  });

  it("serves a coach only while a live grant covers the metric", async () => {
    const coach = await h.person(["user", "coach"]);
    const refused = await h.request(RECORDS, { userId: owner.id, metric: "WEIGHT" }, coach.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const granted = await h.request<{ grantConsent: { id: string; live: boolean } }>(
      GRANT,
      { input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(30) } },
      owner.token,
    );
    expect(granted.data?.grantConsent.live).toBe(true);
    const grantId = granted.data?.grantConsent.id;

    const served = await h.request<{ healthRecords: { nodes: unknown[] } }>(
      RECORDS,
      { userId: owner.id, metric: "WEIGHT" },
      coach.token,
    );
    expect(served.data?.healthRecords.nodes).toEqual([{ metric: "WEIGHT", value: 80 }]);

    // Another metric is not covered; all metrics are narrowed to the granted ones.
    const other = await h.request(RECORDS, { userId: owner.id, metric: "GLUCOSE" }, coach.token);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const all = await h.request<{ healthRecords: { nodes: unknown[] } }>(
      RECORDS,
      { userId: owner.id },
      coach.token,
    );
    expect(all.data?.healthRecords.nodes).toEqual([{ metric: "WEIGHT", value: 80 }]);

    const received = await h.request<{ consentGrantsReceived: Array<{ id: string }> }>(
      `{ consentGrantsReceived { id ownerId live } }`,
      {},
      coach.token,
    );
    expect(received.data?.consentGrantsReceived.map((g) => g.id)).toEqual([grantId]);

    const revoked = await h.request<{ revokeConsent: { live: boolean } }>(
      REVOKE,
      { id: grantId },
      owner.token,
    );
    expect(revoked.data?.revokeConsent.live).toBe(false);
    const after = await h.request(RECORDS, { userId: owner.id, metric: "WEIGHT" }, coach.token);
    expect(after.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    expect((await logRows(owner.id, coach.id)).map((r) => [r.outcome, r.reason])).toEqual([
      ["DENIED", "no consent grant from the owner"],
      ["ALLOWED", `consent grant ${grantId}`],
      ["DENIED", "consent grant does not cover GLUCOSE"],
      ["ALLOWED", `consent grant ${grantId}`],
      ["DENIED", "consent grant revoked"],
    ]);
  });

  it("only lets the owner revoke a grant", async () => {
    const coach = await h.person(["user", "coach"]);
    const granted = await h.request<{ grantConsent: { id: string } }>(
      GRANT,
      { input: { coachId: coach.id, metrics: ["SLEEP"], expiresAt: inDays(1) } },
      owner.token,
    );
    const res = await h.request(REVOKE, { id: granted.data?.grantConsent.id }, coach.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("refuses a grant that expires in more than a year", async () => {
    const coach = await h.person(["user", "coach"]);
    const res = await h.request(
      GRANT,
      { input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(400) } },
      owner.token,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.expiresAt" });
  });

  it("shows the access log to the owner, not to others", async () => {
    const mine = await h.request<{ healthDataAccessLog: Array<{ outcome: string }> }>(
      LOG,
      { userId: owner.id },
      owner.token,
    );
    expect(mine.data?.healthDataAccessLog.some((r) => r.outcome === "DENIED")).toBe(true);
    const stranger = await h.person();
    const res = await h.request(LOG, { userId: owner.id }, stranger.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("User entity (federation)", () => {
  const ENTITIES = `query($reps: [_Any!]!) {
    _entities(representations: $reps) {
      ... on User {
        id
        latestHealthRecord(metric: WEIGHT) { value unit }
        healthRecords(first: 5) { metric }
        healthGoals { metric }
        latestAssessment { bmi }
        deviceBindings { externalId }
      }
    }
  }`;

  it("resolves health fields for the owner", async () => {
    await h.request(
      `mutation { bindDevice(input: { deviceType: SCALE, externalId: "s-1" }) { id } }`,
      {},
      owner.token,
    );
    const res = await h.request<{ _entities: Array<Record<string, unknown>> }>(
      ENTITIES,
      { reps: [{ __typename: "User", id: owner.id }] },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]).toMatchObject({
      id: owner.id,
      latestHealthRecord: { value: 80, unit: "kg" },
      healthRecords: [{ metric: "GLUCOSE" }, { metric: "WEIGHT" }],
      healthGoals: [],
      latestAssessment: null,
      deviceBindings: [{ externalId: "s-1" }],
    });
  });

  it("resolves many users with one check each, refusing fields of users it may not read", async () => {
    const other = await h.person();
    await h.request(RECORD, { input: { metric: "WEIGHT", value: 60 } }, other.token);
    const res = await h.request<{ _entities: Array<Record<string, unknown>> }>(
      ENTITIES,
      {
        reps: [
          { __typename: "User", id: owner.id },
          { __typename: "User", id: other.id },
        ],
      },
      owner.token,
    );
    expect(res.data?._entities[0]).toMatchObject({ latestHealthRecord: { value: 80 } });
    expect(res.data?._entities[1]).toMatchObject({
      id: other.id,
      latestHealthRecord: null,
      deviceBindings: null,
    });
    expect(res.errors?.every((e) => e.extensions?.code === "FORBIDDEN")).toBe(true);
    const denied = await h.db.healthDataAccessLog.count({
      where: { ownerId: other.id, actorId: owner.id, outcome: "DENIED" },
    });
    // One per refused field: records (WEIGHT, all), goals, assessment, devices.
    expect(denied).toBe(5);
  });
});
