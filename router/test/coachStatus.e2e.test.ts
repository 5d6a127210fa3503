import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, approveAndRefresh, becomeCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { signUp } from "./support/people.ts";
import { rawPost } from "./support/rawPost.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 16 points 4 and 11, probed through the router as an attacker would: coach status and level are
// earned, not chosen; roles are private; a stranger cannot lock an account's owner out.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

const code = (result: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;
const REGISTER =
  "mutation($input: RegisterInput!) { register(input: $input) { accessToken user { id roles } } }";
const AVAILABLE = "{ availableOrders { nodes { id description customer { id } } } }";

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

describe("coach status is earned", () => {
  it("refuses role: COACH at sign-up, as a variable or inline, and creates no account", async () => {
    const email = `mallory-${randomUUID()}@example.com`;
    const input = { email, password: "correct-horse-42", displayName: "Mallory", role: "COACH" };
    const asVariable = await request(REGISTER, { input });
    expect(asVariable.errors?.[0]?.message).toMatch(/"role" is not defined by type "RegisterInput"/);
    const inline = await request(
      `mutation { register(input: { email: "${email}", password: "correct-horse-42", displayName: "M",
        role: COACH }) { accessToken } }`,
    );
    expect(code(inline)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await platform.authDb.account.count({ where: { email } })).toBe(0);
  });

  it("a fresh account is a USER that cannot see or grab orders until an admin approves it", async () => {
    const mallory = await signUp(request, "Mallory");
    expect(code(await request(AVAILABLE, {}, mallory.token))).toBe("FORBIDDEN");
    const applied = await request<{ applyAsCoach: { id: string } }>(
      `mutation { applyAsCoach(input: { specialties: ["nutrition"], regions: ["shanghai"],
        certificates: [{ name: "Dietitian", issuer: "Self", number: "1" }] }) { id } }`,
      {},
      mallory.token,
    );
    const id = applied.data!.applyAsCoach.id;
    const selfApproved = await request(
      "mutation($id: ID!) { approveCoachApplication(id: $id) { status } }",
      { id },
      mallory.token,
    );
    expect(code(selfApproved)).toBe("FORBIDDEN");
    const listed = await request("{ coachApplications { nodes { id } } }", {}, mallory.token);
    expect(code(listed)).toBe("FORBIDDEN");
    expect(code(await request(AVAILABLE, {}, mallory.token))).toBe("FORBIDDEN");

    const coach = await approveAndRefresh(platform, request, mallory, id);
    expect(code(await request(AVAILABLE, {}, coach.token))).toBeUndefined();
  });

  it("a coach cannot set their own level, and no one sets it in trade: it comes from ops", async () => {
    const coach = await becomeCoach(platform, request, await signUp(request, "Lin"));
    const withLevel = await request(
      `mutation { setCoachProfile(input: { specialties: ["nutrition"], regions: ["shanghai"], capacity: 2,
        level: 5 }) { level } }`,
      {},
      coach.token,
    );
    expect(code(withLevel)).toBe("GRAPHQL_VALIDATION_FAILED");
    const profile = await request<{ setCoachProfile: { level: number } }>(
      `mutation { setCoachProfile(input: { specialties: ["nutrition"], regions: ["shanghai"], capacity: 2 }) {
        level } }`,
      {},
      coach.token,
    );
    expect(profile.data?.setCoachProfile.level).toBe(1);
    const admin = await adminOf(platform, request);
    for (const caller of [coach, admin]) {
      const set = await request(
        "mutation($id: ID!) { setCoachLevel(coachId: $id, level: 5) { level } }",
        { id: coach.id },
        caller.token,
      );
      expect(code(set)).toBe("GRAPHQL_VALIDATION_FAILED");
    }
  });
});

describe("roles are private", () => {
  it("an anonymous caller reads a coach's name through an offering, but not their roles", async () => {
    const coach = await becomeCoach(platform, request, await signUp(request, "Rui"));
    const offering = await request(
      `mutation { createServiceOffering(input: { serviceType: "consultation", specialty: "nutrition",
        priceAmount: 19900, durationMinutes: 45, region: "shanghai" }) { id } }`,
      {},
      coach.token,
    );
    expect(offering.errors).toBeUndefined();
    const query = `{ serviceOfferings(filter: { region: "shanghai" }) { nodes { coach { id displayName roles } } } }`;
    const anonymous = await request<{
      serviceOfferings: { nodes: Array<{ coach: Record<string, unknown> }> };
    }>(query);
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data?.serviceOfferings.nodes).toContainEqual({
      coach: { id: coach.id, displayName: "Rui", roles: null },
    });
    const stranger = await signUp(request, "Stranger");
    const asStranger = await request<{
      serviceOfferings: { nodes: Array<{ coach: { id: string; roles: unknown } }> };
    }>(query, {}, stranger.token);
    expect(
      asStranger.data?.serviceOfferings.nodes.find((n) => n.coach.id === coach.id)?.coach.roles,
    ).toBeNull();
    const asSelf = await request<{ me: { roles: string[] } }>("{ me { roles } }", {}, coach.token);
    expect(asSelf.data?.me.roles).toEqual(["USER", "COACH"]);
  });
});

describe("login lockout", () => {
  it("an attacker failing from one address does not lock the owner out from theirs", async () => {
    const email = `owner-${randomUUID()}@example.com`;
    const registered = await request(REGISTER, {
      input: { email, password: "correct-horse-42", displayName: "Owner" },
    });
    expect(registered.errors).toBeUndefined();
    const loginFrom = async (ip: string, password: string) => {
      const response = await rawPost(
        platform.url,
        {
          query: "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
          variables: { input: { email, password } },
        },
        { "x-forwarded-for": ip },
      );
      return response.json().errors?.[0]?.extensions?.code ?? "OK";
    };
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await loginFrom("203.0.113.66", `wrong-password-${i}`));
    expect(codes).toEqual([...Array(5).fill("UNAUTHENTICATED"), "RATE_LIMITED"]);
    expect(await loginFrom("198.51.100.23", "correct-horse-42")).toBe("OK");
  });
});
