import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { withRoles } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12 IDOR probes on ai's fields: someone else's health insights (even with the owner's AI consent
// given), and the coach ranking of someone else's order. Each must give nothing away.

const DAY = 86_400_000;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let owner: Person;
let orderId: string;

const INSIGHTS = `query($id: ID!) { user(id: $id) { id healthInsights(metric: WEIGHT) { readings { value } trend { slopePerDay } } } }`;
const RANKING = `query($id: ID!) { serviceOrder(id: $id) { id recommendedCoaches { score coach { id } } } }`;
const codes = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.map((e) => e.extensions?.code);

beforeAll(async () => {
  platform = await startPlatform({ ai: true });
  request = graphqlClient(platform.url);
  owner = await signUp(request, "Owner");
  for (const value of [80, 79, 78]) {
    const res = await request(
      "mutation($input: RecordHealthDataInput!) { recordHealthData(input: $input) { record { id } } }",
      { input: { metric: "WEIGHT", value } },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
  }
  const consent = await request(
    "mutation($input: GrantAiConsentInput!) { grantAiConsent(input: $input) { id } }",
    { input: { metrics: ["WEIGHT"], expiresAt: new Date(Date.now() + 30 * DAY).toISOString() } },
    owner.token,
  );
  expect(consent.errors).toBeUndefined();
  await signUpGrabbingCoach(platform, request, "Ranked", { region: "shanghai" });
  orderId = await openOrder(request, owner, "shanghai");
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

describe("healthInsights of someone else", () => {
  it("refuses another user, though the owner allowed AI analysis, and logs the attempt", async () => {
    const stranger = await signUp(request, "Stranger");
    const res = await request<{ user: { healthInsights: unknown } | null }>(
      INSIGHTS,
      { id: owner.id },
      stranger.token,
    );
    expect(codes(res)).toContain("FORBIDDEN");
    expect(res.data?.user?.healthInsights ?? null).toBeNull();
    expect(JSON.stringify(res)).not.toMatch(/"value"|slopePerDay":-?\d/);
    const logged = await platform.userDb.healthDataAccessLog.findMany({ where: { actorId: stranger.id } });
    expect(logged.length).toBeGreaterThan(0);
    expect(
      logged.every((row) => row.outcome === "DENIED" && row.via === "ai" && row.actorRole === "USER"),
    ).toBe(true);
  });

  it("refuses a coach without a consent grant", async () => {
    const coach = await withRoles(platform, await signUp(request, "Coach"), ["user", "coach"]);
    const res = await request<{ user: { healthInsights: unknown } | null }>(
      INSIGHTS,
      { id: owner.id },
      coach.token,
    );
    expect(codes(res)).toContain("FORBIDDEN");
    expect(res.data?.user?.healthInsights ?? null).toBeNull();
  });

  it("refuses a caller without a token", async () => {
    const res = await request(INSIGHTS, { id: owner.id });
    expect(codes(res)).toContain("UNAUTHENTICATED");
  });
});

describe("recommendedCoaches of someone else's order", () => {
  it("serves the order's customer", async () => {
    const res = await request<{ serviceOrder: { recommendedCoaches: unknown[] } }>(
      RANKING,
      { id: orderId },
      owner.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.serviceOrder.recommendedCoaches).toBeInstanceOf(Array);
  });

  it("gives another customer or an unassigned coach nothing of the order or its ranking", async () => {
    const stranger = await signUp(request, "OtherCustomer");
    const coach = await signUpGrabbingCoach(platform, request, "Nosy", { region: "shanghai" });
    for (const caller of [stranger, coach]) {
      const res = await request(RANKING, { id: orderId }, caller.token);
      expect(codes(res)?.[0]).toMatch(/NOT_FOUND|FORBIDDEN/);
      expect(res.data ?? null).toBeNull();
    }
  });
});
