import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

const RECORD = `mutation Record($input: RecordHealthDataInput!) {
  recordHealthData(input: $input) {
    record { id metric value unit systolic diastolic recordedAt }
    achievedGoals { metric achievedAt progress }
  }
}`;
const RECORDS = `query Records($userId: ID!, $metric: HealthMetric, $first: Int, $after: String) {
  healthRecords(userId: $userId, metric: $metric, first: $first, after: $after) {
    nodes { id metric value unit systolic diastolic }
    pageInfo { endCursor hasNextPage }
  }
}`;

let h: UserHarness;
beforeAll(async () => {
  h = await startUserSubgraph();
});
afterAll(async () => {
  await h?.close();
});

describe("health records", () => {
  it("records readings for the owner, who reads them back newest first", async () => {
    const me = await h.person();
    const base = Date.now() - 3600_000;
    for (const [i, input] of [
      { metric: "WEIGHT", value: 72.5 },
      { metric: "BLOOD_PRESSURE", systolic: 121, diastolic: 79 },
      { metric: "STEPS", value: 8000 },
    ].entries()) {
      const recordedAt = new Date(base + i * 60_000).toISOString();
      const res = await h.request(RECORD, { input: { ...input, recordedAt, source: "manual" } }, me.token);
      expect(res.errors).toBeUndefined();
    }
    const res = await h.request<{ healthRecords: { nodes: Array<Record<string, unknown>> } }>(
      RECORDS,
      { userId: me.id },
      me.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.healthRecords.nodes).toMatchObject([
      { metric: "STEPS", value: 8000, unit: "count" },
      { metric: "BLOOD_PRESSURE", value: 121, unit: "mmHg", systolic: 121, diastolic: 79 },
      { metric: "WEIGHT", value: 72.5, unit: "kg" },
    ]);
  });

  it("pages with a cursor", async () => {
    const me = await h.person();
    for (let i = 0; i < 5; i++) {
      const recordedAt = new Date(Date.now() - (10 - i) * 60_000).toISOString();
      await h.request(RECORD, { input: { metric: "HEART_RATE", value: 60 + i, recordedAt } }, me.token);
    }
    type Page = {
      healthRecords: {
        nodes: Array<{ value: number }>;
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const one = await h.request<Page>(RECORDS, { userId: me.id, metric: "HEART_RATE", first: 3 }, me.token);
    expect(one.data?.healthRecords.nodes.map((n) => n.value)).toEqual([64, 63, 62]);
    expect(one.data?.healthRecords.pageInfo.hasNextPage).toBe(true);
    const after = one.data?.healthRecords.pageInfo.endCursor;
    const two = await h.request<Page>(
      RECORDS,
      { userId: me.id, metric: "HEART_RATE", first: 3, after },
      me.token,
    );
    expect(two.data?.healthRecords.nodes.map((n) => n.value)).toEqual([61, 60]);
    expect(two.data?.healthRecords.pageInfo.hasNextPage).toBe(false);
    const tooMany = await h.request(RECORDS, { userId: me.id, first: 201 }, me.token);
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it.each([
    [{ metric: "BLOOD_PRESSURE", systolic: 300, diastolic: 80 }, "input.systolic"],
    [{ metric: "BLOOD_PRESSURE", systolic: 120, diastolic: 20 }, "input.diastolic"],
    [{ metric: "BLOOD_PRESSURE", systolic: 80, diastolic: 90 }, "input.systolic"],
    [{ metric: "WEIGHT", value: 700 }, "input.value"],
    [
      { metric: "WEIGHT", value: 70, recordedAt: new Date(Date.now() + 3600_000).toISOString() },
      "input.recordedAt",
    ],
  ])("refuses %o with BAD_USER_INPUT naming %s, writing nothing", async (input, field) => {
    const me = await h.person();
    const res = await h.request(RECORD, { input }, me.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(res.data).toBeNull();
    expect(await h.db.healthRecord.count({ where: { userId: me.id } })).toBe(0);
  });

  it("refuses an unknown metric in GraphQL validation", async () => {
    const me = await h.person();
    const res = await h.request(RECORD, { input: { metric: "MOOD", value: 3 } }, me.token);
    expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"]).toContain(res.errors?.[0]?.extensions?.code);
  });

  it("refuses an anonymous caller", async () => {
    const res = await h.request(RECORD, { input: { metric: "WEIGHT", value: 70 } });
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("goals", () => {
  const SET_GOAL = `mutation Goal($input: SetHealthGoalInput!) {
    setHealthGoal(input: $input) { id metric target unit direction current progress achievedAt }
  }`;

  it("marks a goal achieved by the record that meets it, and sums today's steps", async () => {
    const me = await h.person();
    const set = await h.request<{ setHealthGoal: Record<string, unknown> }>(
      SET_GOAL,
      { input: { metric: "STEPS", target: 10_000, direction: "AT_LEAST" } },
      me.token,
    );
    expect(set.data?.setHealthGoal).toMatchObject({ unit: "count", current: null, achievedAt: null });

    const first = await h.request<{ recordHealthData: { achievedGoals: unknown[] } }>(
      RECORD,
      { input: { metric: "STEPS", value: 6000 } },
      me.token,
    );
    expect(first.data?.recordHealthData.achievedGoals).toEqual([]);
    const second = await h.request<{ recordHealthData: { achievedGoals: Array<{ metric: string }> } }>(
      RECORD,
      { input: { metric: "STEPS", value: 4500 } },
      me.token,
    );
    expect(second.data?.recordHealthData.achievedGoals).toMatchObject([{ metric: "STEPS", progress: 1 }]);

    const goals = await h.request<{ healthGoals: Array<Record<string, unknown>> }>(
      `query($userId: ID!) { healthGoals(userId: $userId) { metric current progress achievedAt } }`,
      { userId: me.id },
      me.token,
    );
    expect(goals.data?.healthGoals).toMatchObject([{ metric: "STEPS", current: 10_500, progress: 1 }]);
    expect(goals.data?.healthGoals[0]?.achievedAt).toBeTruthy();
  });

  it("refuses a target outside the metric's range", async () => {
    const me = await h.person();
    const res = await h.request(
      SET_GOAL,
      { input: { metric: "WEIGHT", target: 1000, direction: "AT_MOST" } },
      me.token,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.target" });
  });
});

describe("actions, devices and assessments", () => {
  it("records an action and reads it back", async () => {
    const me = await h.person();
    const res = await h.request(
      `mutation($input: RecordHealthActionInput!) { recordHealthAction(input: $input) { id type durationMinutes } }`,
      { input: { type: "WORKOUT", durationMinutes: 30, note: "run" } },
      me.token,
    );
    expect(res.errors).toBeUndefined();
    const list = await h.request<{ healthActions: unknown[] }>(
      `query($userId: ID!) { healthActions(userId: $userId) { type note durationMinutes } }`,
      { userId: me.id },
      me.token,
    );
    expect(list.data?.healthActions).toEqual([{ type: "WORKOUT", note: "run", durationMinutes: 30 }]);
  });

  it("binds a device once per user, and unbinds it", async () => {
    const me = await h.person();
    const BIND = `mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id externalId deviceType } }`;
    const input = { deviceType: "SCALE", externalId: "scale-42", name: "Bathroom" };
    const bound = await h.request<{ bindDevice: { id: string } }>(BIND, { input }, me.token);
    expect(bound.errors).toBeUndefined();
    const again = await h.request(BIND, { input }, me.token);
    expect(again.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const someoneElse = await h.person();
    expect((await h.request(BIND, { input }, someoneElse.token)).errors).toBeUndefined();
    const stranger = await h.request(
      `mutation($id: ID!) { unbindDevice(id: $id) { id } }`,
      { id: bound.data?.bindDevice.id },
      someoneElse.token,
    );
    expect(stranger.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const unbound = await h.request(
      `mutation($id: ID!) { unbindDevice(id: $id) { externalId } }`,
      { id: bound.data?.bindDevice.id },
      me.token,
    );
    expect(unbound.errors).toBeUndefined();
    const list = await h.request<{ deviceBindings: unknown[] }>(
      `query($userId: ID!) { deviceBindings(userId: $userId) { id } }`,
      { userId: me.id },
      me.token,
    );
    expect(list.data?.deviceBindings).toEqual([]);
  });

  it("assesses BMI and risk from the latest readings and stores the inputs", async () => {
    const me = await h.person();
    const RUN = `mutation($input: RunAssessmentInput!) {
      runAssessment(input: $input) { bmi bmiCategory riskScore riskCategory inputs }
    }`;
    const none = await h.request(RUN, { input: { heightCm: 180, age: 55, smoker: true } }, me.token);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.weightKg" });

    await h.request(RECORD, { input: { metric: "WEIGHT", value: 100 } }, me.token);
    await h.request(RECORD, { input: { metric: "BLOOD_PRESSURE", systolic: 135, diastolic: 85 } }, me.token);
    await h.request(RECORD, { input: { metric: "GLUCOSE", value: 6.1 } }, me.token);
    const res = await h.request<{
      runAssessment: Record<string, unknown> & { inputs: Record<string, unknown> };
    }>(RUN, { input: { heightCm: 180, age: 55, smoker: true } }, me.token);
    expect(res.errors).toBeUndefined();
    // BMI 30.9 → 14, BP stage 1 → 12, glucose 6.1 → 10, age 55 → 10, smoker → 15.
    expect(res.data?.runAssessment).toMatchObject({ bmi: 30.9, bmiCategory: "OBESE", riskScore: 61 });
    expect(res.data?.runAssessment.inputs).toMatchObject({
      weightKg: 100,
      bloodPressure: { systolic: 135, diastolic: 85 },
      glucoseMmolL: 6.1,
    });
  });
});
