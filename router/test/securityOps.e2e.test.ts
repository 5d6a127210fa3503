import { randomUUID } from "node:crypto";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpGrabbingCoach } from "./support/coaches.ts";
import { completedOrder } from "./support/completedOrders.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { withRoles } from "./support/roles.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// ops's IDOR probes through the router, as an attacker's client would send them (issue 12): each
// probe aims at someone else's object, checks the stable code, and checks ops's database moved nothing.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform({ ops: true });
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

const ops = () => platform.opsDeps!.db;
const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;
const RATE = "mutation($orderId: ID!, $score: Int!) { rateCoach(orderId: $orderId, score: $score) { id } }";
const SUBMIT = `mutation { submitCertificate(input: { name: "Registered Dietitian", issuer: "CDA", number: "RD-7" }) {
  id } }`;

describe("M05 ratings and certificates (ops)", () => {
  let customer: Person;
  let coach: Person;
  let orderId: string;

  beforeAll(async () => {
    customer = await signUp(request, "RatedCustomer");
    coach = await signUpGrabbingCoach(platform, request, "RatedCoach", { region: "xiamen", level: 1 });
    orderId = await completedOrder(request, customer, coach, "xiamen");
    await eventually(
      () => ops().coachOrder.findUnique({ where: { orderId } }),
      (row) => row?.completedAt != null,
      15_000,
    );
  }, 60_000);

  it("refuses rating someone else's order exactly as an unknown one, and anonymously", async () => {
    const stranger = await signUp(request, "RatingStranger");
    const theirs = await request(RATE, { orderId, score: 1 }, stranger.token);
    const unknown = await request(RATE, { orderId: randomUUID(), score: 1 }, stranger.token);
    expect(code(theirs)).toBe("NOT_FOUND");
    expect(theirs.errors?.[0]?.message.replace(orderId, "ID")).toBe(
      unknown.errors?.[0]?.message.replace(/[0-9a-f-]{36}/, "ID"),
    );
    // The coach cannot rate their own order either (they are not its customer).
    expect(code(await request(RATE, { orderId, score: 5 }, coach.token))).toBe("NOT_FOUND");
    expect(code(await request(RATE, { orderId, score: 5 }))).toBe("UNAUTHENTICATED");
    expect(await ops().coachRating.count({ where: { orderId } })).toBe(0);
  });

  it("refuses an admin verifying their own certificate, and a coach verifying anyone's", async () => {
    const coachAdmin = await withRoles(
      platform,
      await signUpGrabbingCoach(platform, request, "CoachAdmin", { region: "xiamen", level: 1 }),
      ["user", "coach", "admin"],
    );
    const own = await request<{ submitCertificate: { id: string } }>(SUBMIT, {}, coachAdmin.token);
    const id = own.data!.submitCertificate.id;
    expect(
      code(
        await request("mutation($id: ID!) { verifyCertificate(id: $id) { id } }", { id }, coachAdmin.token),
      ),
    ).toBe("FORBIDDEN");
    const theirs = await request<{ submitCertificate: { id: string } }>(SUBMIT, {}, coach.token);
    const theirId = theirs.data!.submitCertificate.id;
    for (const mutation of [
      "mutation($id: ID!) { verifyCertificate(id: $id) { id } }",
      'mutation($id: ID!) { rejectCertificate(id: $id, reason: "fake") { id } }',
    ]) {
      expect(code(await request(mutation, { id: theirId }, coach.token))).toBe("FORBIDDEN");
    }
    const rows = await ops().coachCertificate.findMany({ where: { id: { in: [id, theirId] } } });
    expect(rows.map((row) => row.status)).toEqual(["PENDING", "PENDING"]);
    // Another admin may.
    const admin = await adminOf(platform, request);
    const verified = await request<{ verifyCertificate: { status: string } }>(
      "mutation($id: ID!) { verifyCertificate(id: $id) { status } }",
      { id },
      admin.token,
    );
    expect(verified.data?.verifyCertificate.status).toBe("VERIFIED");
  });

  it("shows a coach's pending certificates to that coach and admins only", async () => {
    const other = await signUpGrabbingCoach(platform, request, "NosyCoach", { region: "xiamen", level: 1 });
    const submitted = await request<{ submitCertificate: { id: string } }>(SUBMIT, {}, coach.token);
    const id = submitted.data!.submitCertificate.id;
    const PENDING = "{ pendingCertificates { nodes { id } } }";
    expect(code(await request(PENDING, {}, other.token))).toBe("FORBIDDEN");
    expect(code(await request(PENDING, {}, customer.token))).toBe("FORBIDDEN");
    expect(code(await request(PENDING))).toBe("UNAUTHENTICATED");
    const mine = await request<{ myCertificates: { nodes: Array<{ id: string }> } }>(
      "{ myCertificates { nodes { id } } }",
      {},
      other.token,
    );
    expect(mine.data?.myCertificates.nodes).toEqual([]);
    const admin = await adminOf(platform, request);
    const pending = await request<{ pendingCertificates: { nodes: Array<{ id: string }> } }>(
      PENDING,
      {},
      admin.token,
    );
    expect(pending.data?.pendingCertificates.nodes.map((node) => node.id)).toContain(id);
  });

  it("shows who rated only to the coach, an admin and the rater", async () => {
    const rated = await request(RATE, { orderId, score: 4 }, customer.token);
    expect(rated.errors).toBeUndefined();
    const QUERY =
      "query($id: ID!) { coachRating(coachId: $id) { ratings { nodes { score rater { id } orderId } } } }";
    const seen = async (token?: string) =>
      (
        await request<{
          coachRating: {
            ratings: { nodes: Array<{ rater: { id: string } | null; orderId: string | null }> };
          };
        }>(QUERY, { id: coach.id }, token)
      ).data?.coachRating.ratings.nodes[0];
    const stranger = await signUp(request, "RatingReader");
    expect(await seen(stranger.token)).toEqual({ score: 4, rater: null, orderId: null });
    expect(await seen()).toEqual({ score: 4, rater: null, orderId: null });
    for (const viewer of [coach, customer, await adminOf(platform, request)]) {
      expect(await seen(viewer.token)).toEqual({ score: 4, rater: { id: customer.id }, orderId });
    }
  });
});
