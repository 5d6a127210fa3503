import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf, signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 12's risk Done-when through the router: a coach's 11th grab attempt within a minute raises a
// velocity alert (ops's default of 10), the coach is held, trade refuses the next grab with
// ACCOUNT_HELD, and an admin's release lets the coach grab again. Failed sign-ins raise their own alert.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;
let admin: Person;

beforeAll(async () => {
  platform = await startPlatform({ ops: true });
  request = graphqlClient(platform.url);
  admin = await adminOf(platform, request);
}, 120_000);
afterAll(() => platform?.close());

const GRAB = "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }";

interface AlertView {
  id: string;
  rule: string;
  severity: string;
  status: string;
  userId: string | null;
  count: number;
  holdId: string | null;
}

async function alertsFor(userId: string): Promise<AlertView[]> {
  const { data, errors } = await request<{ riskAlerts: { nodes: AlertView[] } }>(
    "{ riskAlerts(first: 100) { nodes { id rule severity status userId count holdId } } }",
    {},
    admin.token,
  );
  if (!data) throw new Error(`riskAlerts failed: ${JSON.stringify(errors)}`);
  return data.riskAlerts.nodes.filter((alert) => alert.userId === userId);
}

const holdsInTrade = (userId: string) =>
  platform.tradeDb.accountHold.count({ where: { userId, releasedAt: null } });

describe("velocity: grab attempts", () => {
  it("the 11th attempt in a minute raises a velocity alert and holds the coach; the next grab is refused until an admin releases", async () => {
    const region = `risk-${crypto.randomUUID().slice(0, 8)}`;
    const customer = await signUp(request, "Customer");
    const coach = await signUpGrabbingCoach(platform, request, "Racer", { region, capacity: 2 });
    const orderId = await openOrder(request, customer, region);

    // Eleven attempts on one order: the first wins, the other ten lose (CONFLICT). Each is an attempt.
    const outcomes: string[] = [];
    for (let n = 0; n < 11; n++) {
      const { errors } = await request(GRAB, { id: orderId }, coach.token);
      outcomes.push(errors ? String(errors[0]?.extensions?.code) : "WON");
    }
    expect(outcomes).toEqual(["WON", ...Array(10).fill("CONFLICT")]);

    const alerts = await eventually(
      () => alertsFor(coach.id),
      (found) => found.some((alert) => alert.rule === "VELOCITY"),
      15_000,
    );
    const velocity = alerts.find((alert) => alert.rule === "VELOCITY");
    expect(velocity).toMatchObject({ severity: "HIGH", status: "OPEN", count: 1 });
    expect(velocity?.holdId).toBeTruthy();

    // ops's account_held reaches trade's own table; the coach's next grab is refused.
    await eventually(
      () => holdsInTrade(coach.id),
      (held) => held === 1,
      15_000,
    );
    const next = await openOrder(request, customer, region);
    const refused = await request(GRAB, { id: next }, coach.token);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "ACCOUNT_HELD" });
    expect(refused.errors?.[0]?.message).toMatch(/contact support/i);

    const released = await request<{ releaseAccountHold: Array<{ id: string; releasedBy: string }> }>(
      "mutation($u: ID!) { releaseAccountHold(userId: $u) { id releasedBy } }",
      { u: coach.id },
      admin.token,
    );
    expect(released.data?.releaseAccountHold).toEqual([{ id: velocity?.holdId, releasedBy: admin.id }]);
    await eventually(
      () => holdsInTrade(coach.id),
      (held) => held === 0,
      15_000,
    );
    const allowed = await request<{ grabOrder: { status: string } }>(GRAB, { id: next }, coach.token);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.grabOrder.status).toBe("ASSIGNED");
  });
});

describe("failed sign-ins", () => {
  it("five wrong passwords for one account raise a FAILED_LOGINS alert and hold the account", async () => {
    const email = `victim-${crypto.randomUUID()}@example.com`;
    const registered = await request<{ register: { user: { id: string } } }>(
      "mutation($input: RegisterInput!) { register(input: $input) { user { id } } }",
      { input: { email, password: "correct-horse-42", displayName: "Victim" } },
    );
    const userId = registered.data?.register.user.id;
    expect(userId).toBeTruthy();
    for (let n = 0; n < 5; n++) {
      const { errors } = await request(
        "mutation($input: LoginInput!) { login(input: $input) { accessToken } }",
        { input: { email, password: `wrong-guess-${n}` } },
      );
      expect(errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const alerts = await eventually(
      () => alertsFor(userId!),
      (found) => found.some((alert) => alert.rule === "FAILED_LOGINS"),
      15_000,
    );
    expect(alerts.find((alert) => alert.rule === "FAILED_LOGINS")).toMatchObject({ severity: "HIGH" });
    // The event carries a hash of the identifier, never the email or a password.
    const rows = await platform.authDb.outboxEvent.findMany({ where: { subject: "auth.login_failed.v1" } });
    expect(JSON.stringify(rows.map((row) => row.envelope))).not.toMatch(/victim-|wrong-guess/);
  });
});
