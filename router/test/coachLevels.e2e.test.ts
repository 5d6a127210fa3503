import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpGrabbingCoach } from "./support/coaches.ts";
import { completedOrder, openOrderAtLevel } from "./support/completedOrders.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12's "Done when", through the router: a real completed order, its customer's rating and a
// certificate an admin verified move the coach's level in ops; ops publishes coach_level_changed, and
// trade refuses the coach's grab of an order above its level before and accepts it after. A coach
// cannot send a level with setCoachProfile.

// Small thresholds so one order, one rating and one certificate reach level 2 (the production table is
// in subgraphs/ops/README.md; OPS_LEVEL_THRESHOLDS replaces it).
const THRESHOLDS = [
  { level: 2, completedOrders: 1, minRatings: 1, minAverage: 4, verifiedCertificates: 1 },
  { level: 3, completedOrders: 2, minRatings: 2, minAverage: 4, verifiedCertificates: 1 },
  { level: 4, completedOrders: 3, minRatings: 3, minAverage: 4.5, verifiedCertificates: 2 },
  { level: 5, completedOrders: 4, minRatings: 4, minAverage: 4.5, verifiedCertificates: 3 },
];

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform({ ops: true, opsEnv: { OPS_LEVEL_THRESHOLDS: JSON.stringify(THRESHOLDS) } });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;
const GRAB = "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }";
const RATE = `mutation($orderId: ID!, $score: Int!, $comment: String) {
  rateCoach(orderId: $orderId, score: $score, comment: $comment) { score comment }
}`;
const COACH_RATING = `query($coachId: ID!) {
  coachRating(coachId: $coachId) {
    count average distribution { score count }
    level { level sequence basis { completedOrders ratings averageRating verifiedCertificates } }
    ratings { nodes { score comment rater { id } } }
  }
}`;
interface CoachRatingData {
  coachRating: {
    count: number;
    average: number | null;
    level: { level: number; sequence: number; basis: Record<string, number | null> };
    ratings: { nodes: Array<{ score: number; comment: string; rater: { id: string } | null }> };
  };
}

describe("a coach's level comes from ops", () => {
  it("moves with a rating and a verified certificate, and trade then lets the coach grab above its old level", async () => {
    const customer = await signUp(request, "LevelCustomer");
    const coach = await signUpGrabbingCoach(platform, request, "LevelCoach", { region: "nanjing", level: 1 });
    const admin = await adminOf(platform, request);

    // Before: a level 1 coach may not grab an order that needs level 2 (the rule named).
    const demanding = await openOrderAtLevel(request, customer, "nanjing", 2);
    const refused = await request(GRAB, { id: demanding }, coach.token);
    expect(code(refused)).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/needs a level 2 coach and you are level 1/);

    // A real order completed through the router, then rated by its customer once ops has its completion.
    const served = await completedOrder(request, customer, coach, "nanjing");
    const rated = await eventually(
      () =>
        request<{ rateCoach: { score: number } }>(
          RATE,
          { orderId: served, score: 5, comment: " Superb. " },
          customer.token,
        ),
      (result) => !result.errors || !["CONFLICT", "NOT_FOUND"].includes(String(code(result))),
      15_000,
    );
    expect(rated.data?.rateCoach).toEqual({ score: 5, comment: "Superb." });
    const twice = await request(RATE, { orderId: served, score: 1 }, customer.token);
    expect(code(twice)).toBe("CONFLICT");

    // One order and a 5 are not enough without a verified certificate: still level 1.
    const before = await request<CoachRatingData>(COACH_RATING, { coachId: coach.id });
    expect(before.data?.coachRating).toMatchObject({ count: 1, average: 5, level: { level: 1 } });
    expect(code(await request(GRAB, { id: demanding }, coach.token))).toBe("FORBIDDEN");

    const submitted = await request<{ submitCertificate: { id: string } }>(
      `mutation { submitCertificate(input: { name: "Registered Dietitian", issuer: "CDA", number: "RD-42" }) { id } }`,
      {},
      coach.token,
    );
    const certificateId = submitted.data!.submitCertificate.id;
    const verified = await request<{ verifyCertificate: { status: string } }>(
      "mutation($id: ID!) { verifyCertificate(id: $id) { status } }",
      { id: certificateId },
      admin.token,
    );
    expect(verified.data?.verifyCertificate.status).toBe("VERIFIED");

    const after = await request<CoachRatingData>(COACH_RATING, { coachId: coach.id }, coach.token);
    expect(after.data?.coachRating).toMatchObject({
      count: 1,
      average: 5,
      level: {
        level: 2,
        basis: { completedOrders: 1, ratings: 1, averageRating: 5, verifiedCertificates: 1 },
      },
    });
    // The coach sees who rated; an anonymous reader sees the comment only.
    expect(after.data?.coachRating.ratings.nodes).toEqual([
      { score: 5, comment: "Superb.", rater: { id: customer.id } },
    ]);
    const anonymous = await request<CoachRatingData>(COACH_RATING, { coachId: coach.id });
    expect(anonymous.data?.coachRating.ratings.nodes).toEqual([
      { score: 5, comment: "Superb.", rater: null },
    ]);

    // ops's coach_level_changed reaches trade, which now lets the coach grab the level 2 order.
    const profile = await eventually(
      () => request<{ myCoachProfile: { level: number } }>("{ myCoachProfile { level } }", {}, coach.token),
      (result) => result.data?.myCoachProfile.level === 2,
      15_000,
    );
    expect(profile.data?.myCoachProfile.level).toBe(2);
    const grabbed = await request<{ grabOrder: { status: string } }>(GRAB, { id: demanding }, coach.token);
    expect(grabbed.errors).toBeUndefined();
    expect(grabbed.data?.grabOrder.status).toBe("ASSIGNED");
  });

  it("is never the coach's to send: setCoachProfile with a level is a GraphQL validation error", async () => {
    const coach = await signUpGrabbingCoach(platform, request, "EagerCoach", { region: "nanjing", level: 1 });
    const withLevel = await request(
      `mutation { setCoachProfile(input: { specialties: ["nutrition"], regions: ["nanjing"], capacity: 2, level: 5 }) {
        level } }`,
      {},
      coach.token,
    );
    expect(code(withLevel)).toBe("GRAPHQL_VALIDATION_FAILED");
    const profile = await request<{ myCoachProfile: { level: number } }>(
      "{ myCoachProfile { level } }",
      {},
      coach.token,
    );
    expect(profile.data?.myCoachProfile.level).toBe(1);
  });
});
