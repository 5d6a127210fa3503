import { type Client, createClient } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { type Person, signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 4 through the router only: the grab race, and grab notifications over the router's WebSocket
// with fields from other subgraphs resolved per event.

let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

const coach = (name: string, profile: { region: string; capacity?: number; level?: number }) =>
  signUpGrabbingCoach(platform, request, name, profile);

const createOrder = (customer: Person, region = "shanghai"): Promise<string> =>
  openOrder(request, customer, region);

function wsClient(person: Person): Client {
  return createClient({
    url: platform.url.replace("http", "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${person.token}` },
  });
}

/** Collects what a subscription pushes, until `stop()`. */
function listen(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: Array<{ data?: Record<string, unknown>; at: number }> = [];
  const errors: unknown[] = [];
  const stop = client.subscribe(
    { query, variables },
    {
      next: (value) => received.push({ data: value.data as never, at: Date.now() }),
      error: (e) => errors.push(e),
      complete() {},
    },
  );
  return { received, errors, stop };
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
}

// A subscription reaches the owning subgraph a moment after the client sends it.
const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

beforeAll(async () => {
  platform = await startPlatform();
  request = graphqlClient(platform.url);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe("grabbing orders through the router", () => {
  it("500 concurrent grabs by 50 coaches at 10 open orders: 10 assignments, no one over capacity, every loser CONFLICT", async () => {
    const customer = await signUp(request, "Customer");
    const coaches: Person[] = [];
    for (let i = 0; i < 50; i++)
      coaches.push(await coach(`Coach${i}`, { region: "shanghai", capacity: 1 + (i % 3) }));
    const orders: string[] = [];
    for (let i = 0; i < 10; i++) orders.push(await createOrder(customer));

    const grab = (person: Person, orderId: string) =>
      request<{ grabOrder: { id: string } }>(
        "mutation($id: ID!) { grabOrder(orderId: $id) { id status coach { id } } }",
        { id: orderId },
        person.token,
      );
    const attempts = coaches.flatMap((c) => orders.map((o) => ({ coach: c, order: o })));
    const results = await Promise.all(attempts.map(({ coach: c, order }) => grab(c, order)));

    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(10);
    expect(results.filter((r) => r.errors).every((r) => r.errors?.[0]?.extensions?.code === "CONFLICT")).toBe(
      true,
    );

    const assigned = await platform.tradeDb.serviceOrder.findMany({ where: { id: { in: orders } } });
    expect(assigned.every((o) => o.status === "ASSIGNED" && o.coachId)).toBe(true);
    const perCoach = new Map<string, number>();
    for (const order of assigned) perCoach.set(order.coachId!, (perCoach.get(order.coachId!) ?? 0) + 1);
    for (const [coachId, count] of perCoach) {
      const index = coaches.findIndex((c) => c.id === coachId);
      expect(count).toBeLessThanOrEqual(1 + (index % 3));
    }
    const assignedEvents = await platform.tradeDb.outboxEvent.count({
      where: { subject: "trade.order_assigned.v1", aggregateId: { in: orders } },
    });
    expect(assignedEvents).toBe(10);
  }, 120_000);
});

describe("grab notifications over the router's WebSocket", () => {
  it("a matching coach gets a new order within a second, with the customer's name from auth; a non-matching coach gets nothing", async () => {
    const customer = await signUp(request, "Maya");
    const near = await coach("Near", { region: "hangzhou" });
    const far = await coach("Far", { region: "beijing" });
    const nearClient = wsClient(near);
    const farClient = wsClient(far);
    const query = "subscription { orderAvailable { id order { id region customer { displayName } } } }";
    const nearFeed = listen(nearClient, query);
    const farFeed = listen(farClient, query);
    await settle();

    const createdAt = Date.now();
    const orderId = await createOrder(customer, "hangzhou");
    await until(() => nearFeed.received.length > 0);
    expect(nearFeed.errors).toEqual([]);
    expect(nearFeed.received).toHaveLength(1);
    expect(nearFeed.received[0]!.data).toEqual({
      orderAvailable: {
        id: expect.any(String),
        order: { id: orderId, region: "hangzhou", customer: { displayName: "Maya" } },
      },
    });
    expect(nearFeed.received[0]!.at - createdAt).toBeLessThan(1_000);

    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(farFeed.received).toEqual([]);
    await nearClient.dispose();
    await farClient.dispose();
  });

  it("the customer sees orderUpdated from assigned through their own confirmation of completion", async () => {
    const customer = await signUp(request, "Lee");
    const theCoach = await coach("Kim", { region: "suzhou" });
    const orderId = await createOrder(customer, "suzhou");
    const client = wsClient(customer);
    const updates = listen(
      client,
      "subscription($id: ID!) { orderUpdated(orderId: $id) { status coach { displayName } } }",
      {
        id: orderId,
      },
    );
    await settle();

    expect(
      (
        await request(
          "mutation($id: ID!) { grabOrder(orderId: $id) { id } }",
          { id: orderId },
          theCoach.token,
        )
      ).errors,
    ).toBeUndefined();
    for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
      const moved = await request(
        "mutation($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status) { status } }",
        { id: orderId, status },
        theCoach.token,
      );
      expect(moved.errors).toBeUndefined();
    }
    const confirmed = await request(
      "mutation($id: ID!) { confirmOrderCompletion(orderId: $id) { status } }",
      { id: orderId },
      customer.token,
    );
    expect(confirmed.errors).toBeUndefined();
    await until(() => updates.received.length >= 4);
    expect(updates.received.map((r) => r.data)).toEqual(
      ["ASSIGNED", "IN_SERVICE", "AWAITING_CONFIRMATION", "COMPLETED"].map((status) => ({
        orderUpdated: { status, coach: { displayName: "Kim" } },
      })),
    );
    await client.dispose();
  });

  it("a coach cannot grab their own order, and a resume from beyond the replay window is refused with a reason to re-sync", async () => {
    const theCoach = await coach("Self", { region: "ningbo" });
    const own = await createOrder(theCoach, "ningbo");
    const grab = await request(
      "mutation($id: ID!) { grabOrder(orderId: $id) { id } }",
      { id: own },
      theCoach.token,
    );
    expect(grab.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "SELF_GRAB" });

    const hex = (Date.now() - 2 * 86_400_000).toString(16).padStart(12, "0");
    const stale = `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
    const client = wsClient(theCoach);
    const outcome = await new Promise<unknown>((resolve) => {
      client.subscribe(
        {
          query: "subscription($after: ID) { orderAvailable(after: $after) { id } }",
          variables: { after: stale },
        },
        {
          next: (value) => resolve(value),
          error: (error) => resolve(error),
          complete: () => resolve("complete"),
        },
      );
    });
    const errors = Array.isArray(outcome) ? outcome : ((outcome as { errors?: unknown[] }).errors ?? []);
    expect(errors[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "after", reason: "REPLAY_WINDOW_EXPIRED" },
    });
    await client.dispose();
  });

  it("a coach reconnecting with the last id it saw gets exactly the missed notifications, then live ones", async () => {
    const customer = await signUp(request, "Ana");
    const theCoach = await coach("Bo", { region: "xiamen" });
    const query = "subscription($after: ID) { orderAvailable(after: $after) { id order { id } } }";

    const first = wsClient(theCoach);
    const before = listen(first, query);
    await settle();
    const seenOrder = await createOrder(customer, "xiamen");
    await until(() => before.received.length === 1);
    const lastId = (before.received[0]!.data as { orderAvailable: { id: string } }).orderAvailable.id;
    await first.dispose();

    const missed = [await createOrder(customer, "xiamen"), await createOrder(customer, "xiamen")];
    await createOrder(customer, "lhasa"); // not for this coach

    const second = wsClient(theCoach);
    const after = listen(second, query, { after: lastId });
    await until(() => after.received.length === 2);
    await settle();
    const live = await createOrder(customer, "xiamen");
    await until(() => after.received.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const orderIds = after.received.map(
      (r) => (r.data as { orderAvailable: { order: { id: string } } }).orderAvailable.order.id,
    );
    expect(orderIds).toEqual([...missed, live]);
    expect(orderIds).not.toContain(seenOrder);
    await second.dispose();
  });
});
