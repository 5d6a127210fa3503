import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUserSubgraph, type UserHarness } from "./harness.ts";

// Issue 12: `User.insightSource`, what ai's health insights `@requires`. It is read as the caller the
// router forwards, under the health-data rules AND the owner's AI consent; every read is logged with
// via = "ai" and told to the platform as health_data_accessed (no health value).

const SOURCE = `query($id: ID!) { _entities(representations: [{ __typename: "User", id: $id }]) {
  ... on User { insightSource { days metrics { metric allowed refusal readings { value } goal { target direction } } } }
} }`;
const RECORD = `mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }`;
const RECORDS = `query($userId: ID!) { healthRecords(userId: $userId, metric: WEIGHT) { nodes { value } } }`;
const AI_CONSENT = `mutation($input: GrantAiConsentInput!) { grantAiConsent(input: $input) { id live metrics } }`;
const REVOKE_AI = `mutation($id: ID!) { revokeAiConsent(id: $id) { live } }`;
const GRANT = `mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }`;

type Person = { id: string; token: string };
type MetricSource = {
  metric: string;
  allowed: boolean;
  refusal: string | null;
  readings: Array<{ value: number }>;
};
let h: UserHarness;
let owner: Person;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
async function sourceFor(reader: Person): Promise<Record<string, MetricSource>> {
  const res = await h.request<{ _entities: Array<{ insightSource: { metrics: MetricSource[] } }> }>(
    SOURCE,
    { id: owner.id },
    reader.token,
  );
  expect(res.errors).toBeUndefined();
  return Object.fromEntries((res.data?._entities[0]?.insightSource.metrics ?? []).map((m) => [m.metric, m]));
}
const logOf = (actorId: string) =>
  h.db.healthDataAccessLog.findMany({ where: { ownerId: owner.id, actorId }, orderBy: { id: "asc" } });
const eventsOf = async (readerId: string) =>
  (await h.db.outboxEvent.findMany({ where: { subject: { contains: "health_data_accessed" } } }))
    .map((row) => (row.envelope as { payload: Record<string, unknown> }).payload)
    .filter((p) => p.readerId === readerId);

beforeAll(async () => {
  h = await startUserSubgraph();
  owner = await h.person();
  await h.request(RECORD, { input: { metric: "WEIGHT", value: 80 } }, owner.token);
  await h.request(RECORD, { input: { metric: "WEIGHT", value: 79 } }, owner.token);
  await h.request(RECORD, { input: { metric: "GLUCOSE", value: 5.2 } }, owner.token);
});
afterAll(async () => {
  await h?.close();
});

describe("insightSource: health data for ai", () => {
  it("refuses every metric without the owner's AI consent, logging each DENIED read via ai", async () => {
    const source = await sourceFor(owner);
    expect(source.WEIGHT).toMatchObject({ allowed: false, readings: [] });
    expect(source.WEIGHT?.refusal).toMatch(/the owner has not allowed AI analysis of WEIGHT/);
    const rows = await logOf(owner.id);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.outcome === "DENIED" && r.via === "ai" && r.actorRole === "OWNER")).toBe(true);
    // The owner's read through ai is an ai read: published, without any value.
    const events = await eventsOf(owner.id);
    expect(events).toHaveLength(6);
    expect(events[0]).toMatchObject({ via: "ai", outcome: "DENIED", readerRole: "OWNER", ownerId: owner.id });
    expect(Object.keys(events[0] ?? {}).sort()).toEqual(
      [
        "accessId",
        "accessedAt",
        "metric",
        "outcome",
        "ownerId",
        "reason",
        "readerId",
        "readerRole",
        "resource",
        "via",
      ].sort(),
    );
  });

  it("hands ai only the consented metrics, and a revoked consent closes them again", async () => {
    const consent = await h.request<{ grantAiConsent: { id: string; live: boolean } }>(
      AI_CONSENT,
      { input: { metrics: ["WEIGHT"], expiresAt: inDays(30) } },
      owner.token,
    );
    expect(consent.data?.grantAiConsent.live).toBe(true);
    const source = await sourceFor(owner);
    expect(source.WEIGHT).toMatchObject({
      allowed: true,
      refusal: null,
      readings: [{ value: 80 }, { value: 79 }],
    });
    expect(source.GLUCOSE).toMatchObject({ allowed: false, readings: [] });
    expect((await logOf(owner.id)).filter((r) => r.outcome === "ALLOWED")).toMatchObject([
      { metric: "WEIGHT", via: "ai", actorRole: "OWNER" },
    ]);

    await h.request(REVOKE_AI, { id: consent.data?.grantAiConsent.id }, owner.token);
    expect((await sourceFor(owner)).WEIGHT?.allowed).toBe(false);
  });

  it("refuses a coach without a consent grant even with AI consent, and serves one with a grant", async () => {
    await h.request(
      AI_CONSENT,
      { input: { metrics: ["WEIGHT", "GLUCOSE"], expiresAt: inDays(30) } },
      owner.token,
    );
    const coach = await h.person(["user", "coach"]);
    const refused = await sourceFor(coach);
    expect(refused.WEIGHT?.allowed).toBe(false);
    expect(refused.WEIGHT?.refusal).toMatch(/no consent grant from the owner/);
    expect(await eventsOf(coach.id)).toContainEqual(
      expect.objectContaining({ readerRole: "COACH", via: "ai", outcome: "DENIED", metric: "WEIGHT" }),
    );

    await h.request(
      GRANT,
      { input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(30) } },
      owner.token,
    );
    const served = await sourceFor(coach);
    expect(served.WEIGHT?.allowed).toBe(true);
    // GLUCOSE has AI consent but no coach grant: still refused.
    expect(served.GLUCOSE?.allowed).toBe(false);
    expect((await logOf(coach.id)).at(-6)).toMatchObject({ actorRole: "COACH", via: "ai" });
  });

  it("publishes health_data_accessed for a coach's direct reads too, and not for the owner's own", async () => {
    const coach = await h.person(["user", "coach"]);
    await h.request(
      GRANT,
      { input: { coachId: coach.id, metrics: ["WEIGHT"], expiresAt: inDays(30) } },
      owner.token,
    );
    const read = await h.request(RECORDS, { userId: owner.id }, coach.token);
    expect(read.errors).toBeUndefined();
    expect(await eventsOf(coach.id)).toEqual([
      expect.objectContaining({
        readerRole: "COACH",
        via: null,
        outcome: "ALLOWED",
        resource: "HEALTH_RECORDS",
      }),
    ]);
    const before = (await eventsOf(owner.id)).length;
    await h.request(RECORDS, { userId: owner.id }, owner.token);
    expect(await eventsOf(owner.id)).toHaveLength(before);
  });

  it("refuses a bad AI consent before writing anything", async () => {
    const bad = await h.request(AI_CONSENT, { input: { metrics: [], expiresAt: inDays(30) } }, owner.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.metrics" });
    const past = await h.request(
      AI_CONSENT,
      { input: { metrics: ["WEIGHT"], expiresAt: inDays(-1) } },
      owner.token,
    );
    expect(past.errors?.[0]?.message).toMatch(/input.expiresAt must be in the future/);
  });
});
