import { randomUUID } from "node:crypto";
import { type ErasedTable, findTraces, policyGaps } from "@health/platform/privacy";
import {
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USER_TABLES } from "../src/privacy/policy.ts";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

const RECORD = `mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }`;
const ACTION = `mutation($input: RecordHealthActionInput!) { recordHealthAction(input: $input) { id } }`;
const GOAL = `mutation($input: SetHealthGoalInput!) { setHealthGoal(input: $input) { id } }`;
const BIND = `mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id } }`;
const SYNC = `mutation($input: SyncDeviceDataInput!) {
  syncDeviceData(input: $input) { records { id } achievedGoals { id } }
}`;
const ASSESS = `mutation($input: RunAssessmentInput!) { runAssessment(input: $input) { id } }`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`;
const AI_CONSENT = `mutation($input: GrantAiConsentInput!) { grantAiConsent(input: $input) { id } }`;
const RECORDS = `query($userId: ID!, $metric: HealthMetric) {
  healthRecords(userId: $userId, metric: $metric) { nodes { id } }
}`;
const ENTITIES = `query($ids: [_Any!]!) { _entities(representations: $ids) { ... on User { id } } }`;

type Person = Awaited<ReturnType<UserHarness["person"]>>;
type Data = Record<string, Record<string, unknown> & { id?: string }>;

let h: UserHarness;
let target: PrivacyTestTarget;
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600_000).toISOString();
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** Runs an operation as `who` and returns its data, failing on any error. */
async function as<T = Data>(who: Person, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await h.request<T>(query, variables, who.token);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

const counts = (tables: readonly ErasedTable[]) =>
  Object.fromEntries(tables.map((t) => [`${t.table} ${t.action}`, t.rows]));
const ids = (items: readonly unknown[]) => items.map((item) => String((item as { id: unknown }).id)).sort();

beforeAll(async () => {
  h = await startUserSubgraph();
  target = { subgraph: "user", db: h.db, nats: h.nats, bus: h.bus, publish: h.publish };
});
afterAll(async () => {
  await h?.close();
});

describe("the policy", () => {
  it("names every table of the database, and no table that does not exist", async () => {
    expect(await policyGaps(h.db, USER_TABLES)).toEqual({ unnamed: [], absent: [] });
  });
});

describe("a person's export and erasure", () => {
  const unique = randomUUID().slice(0, 8);
  const texts = {
    source: `scale-in-hall-${unique}`,
    note: `oat porridge ${unique}`,
    externalId: `watch-${unique}`,
    deviceName: `Mei's watch ${unique}`,
  };
  let person: Person; // also a coach: another owner grants them a read
  let coach: Person;
  let other: Person;
  let admin: Person;
  const mine = {} as Record<
    "records" | "actions" | "goals" | "devices" | "assessments" | "grantsGiven" | "grantsReceived" | "ai",
    string[]
  >;
  let othersRecord: string;

  beforeAll(async () => {
    [person, coach, other, admin] = [
      await h.person(["user", "coach"]),
      await h.person(["user", "coach"]),
      await h.person(),
      await h.person(["user", "admin"]),
    ];
    const typed = await as<{ recordHealthData: { record: { id: string } } }>(person, RECORD, {
      input: { metric: "WEIGHT", value: 80, source: texts.source, recordedAt: minutesAgo(30) },
    });
    const action = await as<{ recordHealthAction: { id: string } }>(person, ACTION, {
      input: { type: "MEAL", note: texts.note, occurredAt: minutesAgo(20) },
    });
    const goal = await as<{ setHealthGoal: { id: string } }>(person, GOAL, {
      input: { metric: "WEIGHT", target: 75, direction: "AT_MOST" },
    });
    const device = await as<{ bindDevice: { id: string } }>(person, BIND, {
      input: { deviceType: "SMARTWATCH", externalId: texts.externalId, name: texts.deviceName },
    });
    const synced = await as<{ syncDeviceData: { records: Array<{ id: string }>; achievedGoals: unknown[] } }>(
      person,
      SYNC,
      {
        input: {
          deviceBindingId: device.bindDevice.id,
          readings: [
            { metric: "WEIGHT", value: 74, recordedAt: minutesAgo(10) },
            { metric: "HEART_RATE", value: 62, recordedAt: minutesAgo(10) },
          ],
        },
      },
    );
    expect(synced.syncDeviceData.achievedGoals).toHaveLength(1);
    const assessment = await as<{ runAssessment: { id: string } }>(person, ASSESS, {
      input: { heightCm: 172, age: 41, smoker: false },
    });
    const given = await as<{ grantConsent: { id: string } }>(person, GRANT, {
      input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(30) },
    });
    const ai = await as<{ grantAiConsent: { id: string } }>(person, AI_CONSENT, {
      input: { metrics: ["WEIGHT", "HEART_RATE"], expiresAt: inDays(30) },
    });
    // Another owner, with data of their own, lets the person (as a coach) read their weight.
    const theirs = await as<{ recordHealthData: { record: { id: string } } }>(other, RECORD, {
      input: { metric: "WEIGHT", value: 66 },
    });
    othersRecord = theirs.recordHealthData.record.id;
    const received = await as<{ grantConsent: { id: string } }>(other, GRANT, {
      input: { coachId: person.id, metrics: ["WEIGHT"], expiresAt: inDays(30) },
    });
    await as(other, GRANT, { input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(30) } });
    // Reads: the coach reads the person; the person reads themself and the other owner.
    await as(coach, RECORDS, { userId: person.id, metric: "WEIGHT" });
    await as(person, RECORDS, { userId: person.id });
    await as(person, RECORDS, { userId: other.id, metric: "WEIGHT" });
    await as(coach, RECORDS, { userId: other.id, metric: "WEIGHT" });

    Object.assign(mine, {
      records: [typed.recordHealthData.record.id, ...synced.syncDeviceData.records.map((r) => r.id)].sort(),
      actions: [action.recordHealthAction.id],
      goals: [goal.setHealthGoal.id],
      devices: [device.bindDevice.id],
      assessments: [assessment.runAssessment.id],
      grantsGiven: [given.grantConsent.id],
      grantsReceived: [received.grantConsent.id],
      ai: [ai.grantAiConsent.id],
    });
  });

  it("exports every item held about the person, and nothing of anyone else's", async () => {
    const { part, answer } = await exportThroughSubgraph(target, person.id);
    const s = part.sections;
    expect(part).toMatchObject({ subgraph: "user", userId: person.id });
    expect(ids(s.healthRecords!)).toEqual(mine.records);
    expect(ids(s.healthRecords!)).not.toContain(othersRecord);
    expect(s.healthRecords).toContainEqual(expect.objectContaining({ source: texts.source, value: 80 }));
    expect(ids(s.healthActions!)).toEqual(mine.actions);
    expect(s.healthActions).toEqual([expect.objectContaining({ note: texts.note, type: "MEAL" })]);
    expect(ids(s.healthGoals!)).toEqual(mine.goals);
    expect(s.healthGoals).toEqual([expect.objectContaining({ target: 75, achievedAt: expect.any(String) })]);
    expect(ids(s.deviceBindings!)).toEqual(mine.devices);
    expect(s.deviceBindings).toEqual([
      expect.objectContaining({ externalId: texts.externalId, name: texts.deviceName }),
    ]);
    expect(ids(s.assessments!)).toEqual(mine.assessments);
    expect(ids(s.consentGrantsGiven!)).toEqual(mine.grantsGiven);
    expect(s.consentGrantsGiven).toEqual([expect.objectContaining({ coachId: coach.id })]);
    expect(ids(s.consentGrantsReceived!)).toEqual(mine.grantsReceived);
    expect(s.consentGrantsReceived).toEqual([expect.objectContaining({ ownerId: other.id })]);
    expect(ids(s.aiConsents!)).toEqual(mine.ai);

    const readsOfMine = await h.db.healthDataAccessLog.findMany({ where: { ownerId: person.id } });
    const readsByMe = await h.db.healthDataAccessLog.findMany({
      where: { actorId: person.id, NOT: { ownerId: person.id } },
    });
    expect(ids(s.accessLog!)).toEqual(ids(readsOfMine));
    expect(s.accessLog).toContainEqual(expect.objectContaining({ actorId: coach.id, actorRole: "COACH" }));
    expect(ids(s.accessesByMe!)).toEqual(ids(readsByMe));
    expect(s.accessesByMe).toEqual([expect.objectContaining({ ownerId: other.id, actorRole: "COACH" })]);

    expect(answer.sections).toEqual(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])));
  });

  it("erases the person, keeps their reads of someone else under the tombstone, and a replay changes nothing", async () => {
    const readsOfMine = await h.db.healthDataAccessLog.count({ where: { ownerId: person.id } });
    const readsByMe = await h.db.healthDataAccessLog.count({
      where: { actorId: person.id, NOT: { ownerId: person.id } },
    });
    const othersBefore = {
      records: await h.db.healthRecord.count({ where: { userId: other.id } }),
      grants: await h.db.consentGrant.findMany({ where: { ownerId: other.id, coachId: coach.id } }),
      log: await h.db.healthDataAccessLog.count({ where: { ownerId: other.id } }),
    };

    const erasure = await eraseThroughSubgraph(target, person.id);
    expect(counts(erasure.tables)).toMatchObject({
      "health_records DELETED": 3,
      "health_actions DELETED": 1,
      "health_goals DELETED": 1,
      "device_bindings DELETED": 1,
      "assessments DELETED": 1,
      "consent_grants DELETED": 2,
      "ai_consent_grants DELETED": 1,
      "health_data_access_log DELETED": readsOfMine,
      "health_data_access_log TOMBSTONED": readsByMe,
    });
    expect(await findTraces(h.db, [person.id, ...Object.values(texts)])).toEqual([]);

    // The coach-reader case: the other owner still sees that their data was read, by the tombstone.
    expect(
      await h.db.healthDataAccessLog.findMany({ where: { ownerId: other.id, actorId: erasure.tombstoneId } }),
    ).toEqual([
      expect.objectContaining({ actorRole: "COACH", outcome: "ALLOWED", resource: "HEALTH_RECORDS" }),
    ]);
    expect(await h.db.healthRecord.count({ where: { userId: other.id } })).toBe(othersBefore.records);
    expect(await h.db.consentGrant.findMany({ where: { ownerId: other.id, coachId: coach.id } })).toEqual(
      othersBefore.grants,
    );
    expect(await h.db.healthDataAccessLog.count({ where: { ownerId: other.id } })).toBe(othersBefore.log);

    // Their User resolves to nothing, and reading them (as an admin) is NOT_FOUND and logged nowhere.
    const entities = await h.request<{ _entities: unknown[] }>(
      ENTITIES,
      {
        ids: [
          { __typename: "User", id: person.id },
          { __typename: "User", id: other.id },
        ],
      },
      admin.token,
    );
    expect(entities.data?._entities).toEqual([null, { id: other.id }]);
    const read = await h.request(RECORDS, { userId: person.id }, admin.token);
    expect(read.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await findTraces(h.db, [person.id])).toEqual([]);

    const replay = await eraseThroughSubgraph(target, person.id, erasure);
    expect(replay.tables.filter((t) => t.rows > 0)).toEqual([]);
    expect(await h.db.healthRecord.count({ where: { userId: other.id } })).toBe(othersBefore.records);
    expect(
      await h.db.healthDataAccessLog.count({ where: { ownerId: other.id, actorId: erasure.tombstoneId } }),
    ).toBe(1);
  });
});
