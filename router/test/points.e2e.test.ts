import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminOf } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Points through the router (issue 19, M14): a health action recorded in the user subgraph travels
// outbox → JetStream → finance's consumer, which credits the ledger once per event; the balance is the
// user's and the admins' to read, on `pointsBalance` and on auth's `User` through federation.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
});
afterAll(async () => {
  await platform?.close();
});

const RECORD = "mutation { recordHealthAction(input: { type: WORKOUT, durationMinutes: 30 }) { id } }";
const BALANCE = "query { pointsBalance }";

async function balanceOf(person: Person) {
  const result = await request<{ pointsBalance: number; me: { pointsBalance: number } }>(
    BALANCE,
    {},
    person.token,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.pointsBalance ?? -1;
}

describe("points through the router", () => {
  it("grows by 5 once per recorded health action", async () => {
    const ann = await signUp(request, "Ann");
    expect(await balanceOf(ann)).toBe(0);
    for (let i = 1; i <= 3; i++) {
      expect((await request(RECORD, {}, ann.token)).errors).toBeUndefined();
      expect(
        await eventually(
          () => balanceOf(ann),
          (balance) => balance === 5 * i,
        ),
      ).toBe(5 * i);
    }
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
    expect(await balanceOf(ann)).toBe(15);
    const me = await request<{ me: { pointsBalance: number } }>(
      "query { me { pointsBalance } }",
      {},
      ann.token,
    );
    expect(me.data?.me.pointsBalance).toBe(15);
    const history = await request<{ pointsHistory: { nodes: { points: number; reason: string }[] } }>(
      "query { pointsHistory(first: 10) { nodes { points reason } } }",
      {},
      ann.token,
    );
    expect(history.data?.pointsHistory.nodes).toEqual(
      Array.from({ length: 3 }, () => ({ points: 5, reason: "health_action_recorded" })),
    );
  });

  it("keeps a user's points from another user (FORBIDDEN), and shows them to an admin", async () => {
    const bob = await signUp(request, "Bob");
    const eve = await signUp(request, "Eve");
    expect((await request(RECORD, {}, bob.token)).errors).toBeUndefined();
    await eventually(
      () => balanceOf(bob),
      (balance) => balance === 5,
    );

    for (const query of [
      "query($id: ID) { pointsBalance(userId: $id) }",
      "query($id: ID) { pointsHistory(userId: $id) { nodes { points } } }",
    ]) {
      const refused = await request(query, { id: bob.id }, eve.token);
      expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const field = await request<{ user: { id: string; pointsBalance: number | null } }>(
      "query($id: ID!) { user(id: $id) { id pointsBalance } }",
      { id: bob.id },
      eve.token,
    );
    expect(field.data?.user).toEqual({ id: bob.id, pointsBalance: null });
    expect(field.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const admin = await adminOf(platform, request);
    const seen = await request<{ pointsBalance: number }>(
      "query($id: ID) { pointsBalance(userId: $id) }",
      { id: bob.id },
      admin.token,
    );
    expect(seen.data?.pointsBalance).toBe(5);
  });
});
