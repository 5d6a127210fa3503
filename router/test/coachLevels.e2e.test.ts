import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpGrabbingCoach } from "./support/coaches.ts";
import { completedOrder, openOrderAtLevel } from "./support/completedOrders.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12's "Done when", through the router: with a certificate an admin verified, a real completed
// order's rating moves the coach's level in ops; ops publishes coach_level_changed, and trade refuses the
// coach's grab of an order above its level before and accepts it after (and refuses again once a bad
// rating lowered it). A coach cannot send a level with setCoachProfile.

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

/** `customer` rates `orderId`, retrying while ops has not yet seen the order completed (its events lag). */
const rateOnceCompleted = (customer: Person, orderId: string, score: number, comment: string) =>
  eventually(
    () =>
      request<{ rateCoach: { score: number; comment: string } }>(
        RATE,
        { orderId, score, comment },
        customer.token,
      ),
    (result) => !result.errors || !["CONFLICT", "NOT_FOUND"].includes(String(code(result))),
    15_000,
  );

/** Waits until trade shows `coach` at `level` (ops's coach_level_changed applied); fails if it never does. */
async function levelInTrade(coach: Person, level: number) {
  const profile = await eventually(
    () => request<{ myCoachProfile: { level: number } }>("{ myCoachProfile { level } }", {}, coach.token),
    (result) => result.data?.myCoachProfile.level === level,
    15_000,
  );
  expect(profile.data?.myCoachProfile.level).toBe(level);
}

describe("a coach's level comes from ops", () => {
  it("moves with a rating, and trade then lets the coach grab above its old level; a bad rating lowers it again", async () => {
    const customer = await signUp(request, "LevelCustomer");
    const coach = await signUpGrabbingCoach(platform, request, "LevelCoach", { region: "nanjing", level: 1 });
    const admin = await adminOf(platform, request);

    // Before: a level 1 coach may not grab an order that needs level 2 (the rule named).
    const demanding = await openOrderAtLevel(request, customer, "nanjing", 2);
    const refused = await request(GRAB, { id: demanding }, coach.token);
    expect(code(refused)).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/needs a level 2 coach and you are level 1/);

    // A certificate an admin verified: not enough alone (no completed order, no rating), still level 1.
    const submitted = await request<{ submitCertificate: { id: string } }>(
      `mutation { submitCertificate(input: { name: "Registered Dietitian", issuer: "CDA", number: "RD-42" }) { id } }`,
      {},
      coach.token,
    );
    const verified = await request<{ verifyCertificate: { status: string } }>(
      "mutation($id: ID!) { verifyCertificate(id: $id) { status } }",
      { id: submitted.data!.submitCertificate.id },
      admin.token,
    );
    expect(verified.data?.verifyCertificate.status).toBe("VERIFIED");

    // A real order completed through the router; its customer rates it once ops has its completion.
    const served = await completedOrder(request, customer, coach, "nanjing");
    const rated = await rateOnceCompleted(customer, served, 5, " Superb. ");
    expect(rated.data?.rateCoach).toEqual({ score: 5, comment: "Superb." });
    expect(code(await request(RATE, { orderId: served, score: 1 }, customer.token))).toBe("CONFLICT");

    // The rating moved the level: 1 order, one 5 and a verified certificate are level 2 here.
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
    await levelInTrade(coach, 2);
    const grabbed = await request<{ grabOrder: { status: string } }>(GRAB, { id: demanding }, coach.token);
    expect(grabbed.errors).toBeUndefined();
    expect(grabbed.data?.grabOrder.status).toBe("ASSIGNED");

    // The reverse: a second order rated 1 makes the average 3.0, under level 2's 4.0, and trade refuses
    // the coach's next level 2 order again.
    const second = await completedOrder(request, customer, coach, "nanjing");
    await rateOnceCompleted(customer, second, 1, "Late and unprepared.");
    const lowered = await request<CoachRatingData>(COACH_RATING, { coachId: coach.id });
    expect(lowered.data?.coachRating).toMatchObject({ count: 2, average: 3, level: { level: 1 } });
    await levelInTrade(coach, 1);
    const next = await openOrderAtLevel(request, customer, "nanjing", 2);
    expect(code(await request(GRAB, { id: next }, coach.token))).toBe("FORBIDDEN");
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
