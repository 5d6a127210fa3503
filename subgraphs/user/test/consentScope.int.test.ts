import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

// Issue 16 point 2: consent for one metric opens nothing else. Point 3: `User.healthRecords(first:)`
// is capped where the records are read.

const RECORD = `mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }`;
const ACTION = `mutation($input: RecordHealthActionInput!) { recordHealthAction(input: $input) { id } }`;
const BIND = `mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id } }`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`;
const ASSESSMENTS = `query($userId: ID!) { assessments(userId: $userId) { bmi riskScore inputs } }`;
const ACTIONS = `query($userId: ID!) { healthActions(userId: $userId) { type note } }`;
const DEVICES = `query($userId: ID!) { deviceBindings(userId: $userId) { deviceType externalId } }`;
const ENTITY = `query($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on User { latestAssessment { bmi } deviceBindings { deviceType } } }
}`;

type Person = { id: string; token: string };
type Result = Awaited<ReturnType<UserHarness["request"]>>;
let h: UserHarness;
let owner: Person;

const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
const codes = (res: Result) => res.errors?.map((e) => e.extensions?.code);

async function coachGranted(metrics: string[]): Promise<Person> {
  const coach = await h.person(["user", "coach"]);
  const res = await h.request(
    GRANT,
    { input: { coachId: coach.id, metrics, expiresAt: inDays(30) } },
    owner.token,
  );
  expect(res.errors).toBeUndefined();
  return coach;
}

const logOf = (actorId: string) =>
  h.db.healthDataAccessLog.findMany({
    where: { ownerId: owner.id, actorId },
    orderBy: { id: "asc" },
    select: { resource: true, outcome: true, actorRole: true },
  });

beforeAll(async () => {
  h = await startUserSubgraph();
  owner = await h.person();
  for (const input of [
    { metric: "WEIGHT", value: 92 },
    { metric: "BLOOD_PRESSURE", systolic: 150, diastolic: 95 },
    { metric: "GLUCOSE", value: 7.4 },
    { metric: "STEPS", value: 4000 },
  ]) {
    expect((await h.request(RECORD, { input }, owner.token)).errors).toBeUndefined();
  }
  for (const input of [
    { type: "MEDICATION", note: "metformin 500mg" },
    { type: "WORKOUT", note: "5 km run", durationMinutes: 30 },
    { type: "MEAL", note: "oats" },
  ]) {
    expect((await h.request(ACTION, { input }, owner.token)).errors).toBeUndefined();
  }
  for (const input of [
    { deviceType: "GLUCOSE_METER", externalId: "gm-1" },
    { deviceType: "SMARTWATCH", externalId: "w-1" },
  ]) {
    expect((await h.request(BIND, { input }, owner.token)).errors).toBeUndefined();
  }
  const assessed = await h.request(
    `mutation { runAssessment(input: { heightCm: 180, age: 52, smoker: true }) { id } }`,
    {},
    owner.token,
  );
  expect(assessed.errors).toBeUndefined();
});
afterAll(async () => {
  await h?.close();
});

describe("a coach holding a STEPS-only grant", () => {
  it("is FORBIDDEN assessments, health actions and devices, and every refusal is logged", async () => {
    const coach = await coachGranted(["STEPS"]);
    for (const query of [ASSESSMENTS, ACTIONS, DEVICES]) {
      const res = await h.request(query, { userId: owner.id }, coach.token);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(res.data).toBeNull();
      expect(JSON.stringify(res)).not.toMatch(/metformin|gm-1|\b92\b/);
    }
    const entity = await h.request(ENTITY, { reps: [{ __typename: "User", id: owner.id }] }, coach.token);
    expect(entity.data?._entities).toEqual([{ latestAssessment: null, deviceBindings: null }]);
    expect(codes(entity)).toEqual(["FORBIDDEN", "FORBIDDEN"]);

    // Sorted: the two entity fields are separate batches whose rows may land in either order.
    const log = await logOf(coach.id);
    expect(log.map((r) => `${r.resource} ${r.outcome}`).sort()).toEqual([
      "ASSESSMENTS DENIED",
      "ASSESSMENTS DENIED",
      "DEVICE_BINDINGS DENIED",
      "DEVICE_BINDINGS DENIED",
      "HEALTH_ACTIONS DENIED",
    ]);
    expect(log.every((r) => r.actorRole === "COACH")).toBe(true);
  });

  it("still reads the STEPS records it was granted", async () => {
    const coach = await coachGranted(["STEPS"]);
    const res = await h.request<{ healthRecords: { nodes: Array<{ metric: string }> } }>(
      `query($userId: ID!) { healthRecords(userId: $userId) { nodes { metric } } }`,
      { userId: owner.id },
      coach.token,
    );
    expect(res.data?.healthRecords.nodes).toEqual([{ metric: "STEPS" }]);
  });
});

describe("a coach with the right grants", () => {
  it("reads assessments once weight, blood pressure and glucose are granted (across grants)", async () => {
    const coach = await coachGranted(["WEIGHT", "GLUCOSE"]);
    expect(codes(await h.request(ASSESSMENTS, { userId: owner.id }, coach.token))).toEqual(["FORBIDDEN"]);
    await h.request(
      GRANT,
      { input: { coachId: coach.id, metrics: ["BLOOD_PRESSURE"], expiresAt: inDays(1) } },
      owner.token,
    );
    const res = await h.request<{ assessments: Array<{ bmi: number; inputs: { weightKg: number } }> }>(
      ASSESSMENTS,
      { userId: owner.id },
      coach.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.assessments).toMatchObject([{ bmi: 28.4, inputs: { weightKg: 92 } }]);
    expect((await logOf(coach.id)).map((r) => [r.resource, r.outcome])).toEqual([
      ["ASSESSMENTS", "DENIED"],
      ["ASSESSMENTS", "ALLOWED"],
    ]);
  });

  it("sees only the action types and device types its grants cover", async () => {
    const coach = await coachGranted(["STEPS", "HEART_RATE", "GLUCOSE"]);
    const actions = await h.request<{ healthActions: Array<{ type: string; note: string }> }>(
      ACTIONS,
      { userId: owner.id },
      coach.token,
    );
    expect(actions.data?.healthActions).toEqual([{ type: "WORKOUT", note: "5 km run" }]);
    const devices = await h.request<{ deviceBindings: unknown[] }>(
      DEVICES,
      { userId: owner.id },
      coach.token,
    );
    expect(devices.data?.deviceBindings).toEqual([{ deviceType: "GLUCOSE_METER", externalId: "gm-1" }]);
    expect((await logOf(coach.id)).map((r) => [r.resource, r.outcome])).toEqual([
      ["HEALTH_ACTIONS", "ALLOWED"],
      ["DEVICE_BINDINGS", "ALLOWED"],
    ]);
  });

  it("reads medication notes only with every metric granted", async () => {
    const coach = await coachGranted(["WEIGHT", "BLOOD_PRESSURE", "GLUCOSE", "HEART_RATE", "STEPS", "SLEEP"]);
    const res = await h.request<{ healthActions: Array<{ type: string }> }>(
      ACTIONS,
      { userId: owner.id },
      coach.token,
    );
    expect(res.data?.healthActions.map((a) => a.type).sort()).toEqual(["MEAL", "MEDICATION", "WORKOUT"]);
  });

  it("leaves the owner everything", async () => {
    const devices = await h.request<{ deviceBindings: unknown[] }>(
      DEVICES,
      { userId: owner.id },
      owner.token,
    );
    expect(devices.data?.deviceBindings).toHaveLength(2);
    const actions = await h.request<{ healthActions: unknown[] }>(ACTIONS, { userId: owner.id }, owner.token);
    expect(actions.data?.healthActions).toHaveLength(3);
  });
});

describe("User.healthRecords(first:) is capped in the domain", () => {
  const RECENT = `query($reps: [_Any!]!, $first: Int!) {
    _entities(representations: $reps) { ... on User { healthRecords(first: $first) { metric } latestHealthRecord(metric: WEIGHT) { value } } }
  }`;
  const reps = () => [{ __typename: "User", id: owner.id }];

  it("refuses first above 200 or below 1 with BAD_USER_INPUT on first, and reads nothing", async () => {
    const before = await h.db.healthDataAccessLog.count({ where: { ownerId: owner.id } });
    for (const first of [201, 100_000, 0, -1]) {
      const res = await h.request<{ _entities: Array<Record<string, unknown>> }>(
        RECENT,
        { reps: reps(), first },
        owner.token,
      );
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(res.errors?.[0]?.message).toBe("first must be between 1 and 200.");
      // Only the field asked too much: the other health field of the same user still answers.
      expect(res.data?._entities[0]).toEqual({ healthRecords: null, latestHealthRecord: { value: 92 } });
    }
    // One ALLOWED row per latestHealthRecord, none for the refused pages.
    expect(await h.db.healthDataAccessLog.count({ where: { ownerId: owner.id } })).toBe(before + 4);
  });

  it("serves 200", async () => {
    const res = await h.request<{ _entities: Array<{ healthRecords: unknown[] }> }>(
      RECENT,
      { reps: reps(), first: 200 },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.healthRecords).toHaveLength(4);
  });
});
