import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { withRoles } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12: health insights through the router. ai reads user's data only through `@requires`
// (User.insightSource, @inaccessible), which user resolves for the caller under the health-data rules
// plus the owner's AI consent, logging every read with `via: "ai"` and a health_data_accessed event.

const DAY = 86_400_000;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
/** When each seeded reading was taken: 9.5, 8.5, …, 0.5 days before the test started. */
let takenAt: Date[];

const INSIGHTS = `query($metric: HealthMetric!) { me { healthInsights(metric: $metric) {
  metric unit days readings { at value }
  movingAverages { windowDays n mean std }
  trend { n slopePerDay intercept rSquared origin }
  anomalies { at value zScore }
  goalProjection { target direction status latestValue projectedAt beforeDeadline }
} } }`;
const USER_INSIGHTS = `query($id: ID!) { user(id: $id) { id healthInsights(metric: WEIGHT) { trend { slopePerDay } } } }`;
const LOG = `query($id: ID!) { healthDataAccessLog(userId: $id) { actorId actorRole metric outcome reason via } }`;

type Insights = {
  readings: Array<{ at: string; value: number }>;
  movingAverages: Array<{ windowDays: number; n: number; mean: number; std: number }>;
  trend: { n: number; slopePerDay: number; intercept: number; rSquared: number; origin: string };
  anomalies: unknown[];
  goalProjection: { status: string; latestValue: number; projectedAt: string; beforeDeadline: boolean };
};

async function ok<T = Record<string, unknown>>(
  query: string,
  variables: Record<string, unknown>,
  token: string,
) {
  const result = await request<T>(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const accessLog = async (actorId: string) =>
  (
    await ok<{ healthDataAccessLog: Array<Record<string, unknown>> }>(LOG, { id: owner.id }, owner.token)
  ).healthDataAccessLog.filter((row) => row.actorId === actorId && row.metric === "WEIGHT");

beforeAll(async () => {
  platform = await startPlatform({ ai: true, finance: false });
  request = graphqlClient(platform.url);
  owner = await signUp(request, "Runner");
  const start = Date.now();
  takenAt = Array.from({ length: 10 }, (_, i) => new Date(start - (9.5 - i) * DAY));
  for (const [i, at] of takenAt.entries()) {
    await ok(
      "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
      { input: { metric: "WEIGHT", value: 80 - 0.5 * i, recordedAt: at.toISOString() } },
      owner.token,
    );
  }
  await ok(
    "mutation($input: SetHealthGoalInput!) { setHealthGoal(input: $input) { id } }",
    {
      input: {
        metric: "WEIGHT",
        target: 74,
        direction: "AT_MOST",
        deadline: new Date(start + 30 * DAY).toISOString(),
      },
    },
    owner.token,
  );
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

describe("health insights under consent", () => {
  it("are FORBIDDEN while the owner has not allowed AI analysis, and the denial is in the access log", async () => {
    const refused = await request(INSIGHTS, { metric: "WEIGHT" }, owner.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/has not allowed AI analysis of WEIGHT/);
    expect(await accessLog(owner.id)).toContainEqual(
      expect.objectContaining({ actorRole: "OWNER", outcome: "DENIED", via: "ai" }),
    );
  });

  it("after consent equal the numbers computed by hand, and the read is logged and published", async () => {
    await ok(
      "mutation($input: GrantAiConsentInput!) { grantAiConsent(input: $input) { id live } }",
      { input: { metrics: ["WEIGHT"], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() } },
      owner.token,
    );
    const { me } = await ok<{ me: { healthInsights: Insights } }>(
      INSIGHTS,
      { metric: "WEIGHT" },
      owner.token,
    );
    const insights = me.healthInsights;
    expect(insights.readings.map((r) => r.value)).toEqual([80, 79.5, 79, 78.5, 78, 77.5, 77, 76.5, 76, 75.5]);
    const [week, month] = insights.movingAverages;
    // 7 days: 78.5…75.5, mean 77, Σ(dev²) = 7 → std √(7/6). 30 days: all ten, mean 77.75, Σ(dev²) = 20.625.
    expect(week).toMatchObject({ windowDays: 7, n: 7 });
    expect(week?.mean).toBeCloseTo(77, 9);
    expect(week?.std).toBeCloseTo(Math.sqrt(7 / 6), 9);
    expect(month).toMatchObject({ windowDays: 30, n: 10 });
    expect(month?.mean).toBeCloseTo(77.75, 9);
    expect(month?.std).toBeCloseTo(Math.sqrt(20.625 / 9), 9);
    // −0.5 kg a day from 80 at the first reading, exactly.
    expect(insights.trend.n).toBe(10);
    expect(insights.trend.slopePerDay).toBeCloseTo(-0.5, 9);
    expect(insights.trend.intercept).toBeCloseTo(80, 9);
    expect(insights.trend.rSquared).toBeCloseTo(1, 9);
    expect(new Date(insights.trend.origin).getTime()).toBe(takenAt[0]?.getTime());
    expect(insights.anomalies).toEqual([]);
    // 80 − 0.5x = 74 → x = 12 days after the first reading.
    expect(insights.goalProjection).toMatchObject({
      status: "ON_TRACK",
      latestValue: 75.5,
      beforeDeadline: true,
    });
    expect(new Date(insights.goalProjection.projectedAt).getTime()).toBe(
      (takenAt[0]?.getTime() ?? 0) + 12 * DAY,
    );

    expect(await accessLog(owner.id)).toContainEqual(
      expect.objectContaining({ actorRole: "OWNER", outcome: "ALLOWED", via: "ai" }),
    );
    const published = await platform.userDb.outboxEvent.findMany({
      where: { subject: { contains: "health_data_accessed" } },
    });
    const payloads = published.map((row) => (row.envelope as { payload: Record<string, unknown> }).payload);
    expect(payloads).toContainEqual(
      expect.objectContaining({ readerId: owner.id, via: "ai", metric: "WEIGHT", outcome: "ALLOWED" }),
    );
    for (const payload of payloads) expect(payload).not.toHaveProperty("value");
  });

  it("refuses a coach without a consent grant (logged, shown as ai), and serves one with a grant", async () => {
    const coach = await withRoles(platform, await signUp(request, "Coach"), ["user", "coach"]);
    const refused = await request(USER_INSIGHTS, { id: owner.id }, coach.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/no consent grant from the owner/);
    expect(await accessLog(coach.id)).toContainEqual(
      expect.objectContaining({ actorRole: "COACH", outcome: "DENIED", via: "ai" }),
    );

    await ok(
      "mutation($input: GrantConsentInput!) { grantConsent(input: $input) { id } }",
      {
        input: {
          coachId: coach.id,
          metrics: ["WEIGHT"],
          expiresAt: new Date(Date.now() + 30 * DAY).toISOString(),
        },
      },
      owner.token,
    );
    const served = await ok<{ user: { healthInsights: { trend: { slopePerDay: number } } } }>(
      USER_INSIGHTS,
      { id: owner.id },
      coach.token,
    );
    expect(served.user.healthInsights.trend.slopePerDay).toBeCloseTo(-0.5, 9);
    expect(await accessLog(coach.id)).toContainEqual(
      expect.objectContaining({ actorRole: "COACH", outcome: "ALLOWED", via: "ai" }),
    );
  });

  it("keeps insightSource out of the client schema", async () => {
    const direct = await request("query { me { insightSource { days } } }", {}, owner.token);
    expect(direct.errors?.[0]?.message).toMatch(/insightSource/);
    expect(direct.data).toBeUndefined();
  });
});
