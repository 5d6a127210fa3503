import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { withRoles } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 16 point 2, through the router as the coach would try it: consent for STEPS opens nothing
// but STEPS. Coaches get their role straight in auth's database (sign-up makes a USER).

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.map((e) => e.extensions?.code);

async function ok(query: string, variables: Record<string, unknown>, token: string) {
  const result = await request(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result;
}

async function coachGranted(name: string, metrics: string[]): Promise<Person> {
  const coach = await withRoles(platform, await signUp(request, name), ["user", "coach"]);
  await ok(
    "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
    { input: { coachId: coach.id, metrics, expiresAt: inDays(30) } },
    owner.token,
  );
  return coach;
}

const READS = {
  assessments: "query($id: ID!) { assessments(userId: $id) { bmi riskScore inputs } }",
  healthActions: "query($id: ID!) { healthActions(userId: $id) { type note } }",
  deviceBindings: "query($id: ID!) { deviceBindings(userId: $id) { deviceType externalId } }",
};

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
  owner = await signUp(request, "Owner");
  const RECORD =
    "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }";
  await ok(RECORD, { input: { metric: "WEIGHT", value: 97.3 } }, owner.token);
  await ok(RECORD, { input: { metric: "STEPS", value: 5200 } }, owner.token);
  await ok(
    "mutation($input: RecordHealthActionInput!) { recordHealthAction(input: $input) { id } }",
    { input: { type: "MEDICATION", note: "insulin glargine 10u" } },
    owner.token,
  );
  await ok(
    "mutation($input: BindDeviceInput!) { bindDevice(input: $input) { id } }",
    { input: { deviceType: "GLUCOSE_METER", externalId: "glucometer-77" } },
    owner.token,
  );
  await ok(
    "mutation { runAssessment(input: { heightCm: 170, age: 45, smoker: false }) { id } }",
    {},
    owner.token,
  );
});
afterAll(async () => {
  await platform?.close();
});

describe("a coach holding a STEPS-only grant", () => {
  it("gets FORBIDDEN on assessments, health actions and devices, and the owner's access log shows each read", async () => {
    const coach = await coachGranted("StepsCoach", ["STEPS"]);
    for (const query of Object.values(READS)) {
      const result = await request(query, { id: owner.id }, coach.token);
      expect(codes(result)).toEqual(["FORBIDDEN"]);
      expect(JSON.stringify(result)).not.toMatch(/97\.3|insulin|glucometer-77/);
    }
    // The same data through the User entity, resolved across subgraphs.
    const viaUser = await request<{ user: Record<string, unknown> }>(
      "query($id: ID!) { user(id: $id) { id latestAssessment { bmi } deviceBindings { externalId } } }",
      { id: owner.id },
      coach.token,
    );
    expect(viaUser.data?.user).toEqual({ id: owner.id, latestAssessment: null, deviceBindings: null });
    expect(codes(viaUser)).toEqual(["FORBIDDEN", "FORBIDDEN"]);

    // STEPS itself is still served.
    const steps = await request<{ healthRecords: { nodes: Array<{ metric: string }> } }>(
      "query($id: ID!) { healthRecords(userId: $id) { nodes { metric } } }",
      { id: owner.id },
      coach.token,
    );
    expect(steps.data?.healthRecords.nodes).toEqual([{ metric: "STEPS" }]);

    const log = await request<{
      healthDataAccessLog: Array<{ actorId: string; resource: string; outcome: string; reason: string }>;
    }>(
      "query($id: ID!) { healthDataAccessLog(userId: $id, first: 200) { actorId resource outcome reason } }",
      { id: owner.id },
      owner.token,
    );
    // Sorted: the two User fields are separate batches whose rows may land in either order.
    const coachRows = (log.data?.healthDataAccessLog ?? [])
      .filter((r) => r.actorId === coach.id)
      .map((r) => `${r.resource} ${r.outcome}`)
      .sort();
    expect(coachRows).toEqual([
      "ASSESSMENTS DENIED",
      "ASSESSMENTS DENIED",
      "DEVICE_BINDINGS DENIED",
      "DEVICE_BINDINGS DENIED",
      "HEALTH_ACTIONS DENIED",
      "HEALTH_RECORDS ALLOWED",
    ]);
  });
});

describe("a coach holding the grants the data needs", () => {
  it("reads the assessment, the medication note and the glucose meter", async () => {
    const coach = await coachGranted("FullCoach", [
      "WEIGHT",
      "BLOOD_PRESSURE",
      "GLUCOSE",
      "HEART_RATE",
      "STEPS",
      "SLEEP",
    ]);
    const assessments = await ok(READS.assessments, { id: owner.id }, coach.token);
    expect(assessments.data).toMatchObject({ assessments: [{ bmi: 33.7, inputs: { weightKg: 97.3 } }] });
    const actions = await ok(READS.healthActions, { id: owner.id }, coach.token);
    expect(actions.data).toEqual({ healthActions: [{ type: "MEDICATION", note: "insulin glargine 10u" }] });
    const devices = await ok(READS.deviceBindings, { id: owner.id }, coach.token);
    expect(devices.data).toEqual({
      deviceBindings: [{ deviceType: "GLUCOSE_METER", externalId: "glucometer-77" }],
    });
  });

  it("with GLUCOSE alone sees the glucose meter but not the assessment or the medication note", async () => {
    const coach = await coachGranted("GlucoseCoach", ["GLUCOSE"]);
    const devices = await ok(READS.deviceBindings, { id: owner.id }, coach.token);
    expect(devices.data).toEqual({
      deviceBindings: [{ deviceType: "GLUCOSE_METER", externalId: "glucometer-77" }],
    });
    expect(codes(await request(READS.assessments, { id: owner.id }, coach.token))).toEqual(["FORBIDDEN"]);
    expect(codes(await request(READS.healthActions, { id: owner.id }, coach.token))).toEqual(["FORBIDDEN"]);
  });
});
