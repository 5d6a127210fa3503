import { eventually, type PrivateNginx, startPrivateNginx } from "@health/platform/testing";
import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder, placeOrder, settledOrderStatus } from "./support/orders.ts";
import { signUp } from "./support/people.ts";
import { connectSocket, type Socket } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";
import { type SubgraphProcess, startSubgraphProcess } from "./support/subgraphProcess.ts";

// Issue 17 point 6 (../shared/design/ARCHITECTURE.md rule 12): two routers, two trade and two dynamic processes, each pair
// behind nginx as a production load balancer (deploy/README.md, "Running several instances"). Every
// request goes through nginx; its access logs, keyed by the x-request-id the test sends, say which
// instance took what.

let platform: StartedPlatform;
let trades: SubgraphProcess[];
let dynamics: SubgraphProcess[];
/** In front of the subgraph instances: pools `trade` and `dynamic`, the routers' subgraph URLs. */
let subgraphBalancer: PrivateNginx;
/** In front of the two routers: pool `router`, the clients' endpoint. */
let routerBalancer: PrivateNginx;
let routers: string[];
let endpoint: string;
let request: ReturnType<typeof graphqlClient>;

const hostOf = (url: string): string => new URL(url).host;
/** Headers that name a request in every balancer's access log (the router passes the id on to subgraphs). */
const tagged = (requestId: string) => ({ "x-request-id": requestId });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  platform = await startPlatform();
  const instance = (name: "trade" | "dynamic") =>
    startSubgraphProcess(name, { DATABASE_URL: platform.databaseUrls[name], ...platform.joinEnv });
  [trades, dynamics] = await Promise.all([
    Promise.all([instance("trade"), instance("trade")]),
    Promise.all([instance("dynamic"), instance("dynamic")]),
  ]);
  subgraphBalancer = await startPrivateNginx({
    pools: { trade: trades.map((p) => hostOf(p.url)), dynamic: dynamics.map((p) => hostOf(p.url)) },
  });
  const urlOverrides = {
    TRADE: `${subgraphBalancer.urls.trade}/graphql`,
    DYNAMIC: `${subgraphBalancer.urls.dynamic}/graphql`,
  };
  routers = (
    await Promise.all([platform.startRouter({ urlOverrides }), platform.startRouter({ urlOverrides })])
  ).map(hostOf);
  routerBalancer = await startPrivateNginx({ pools: { router: routers } });
  endpoint = `${routerBalancer.urls.router}/graphql`;
  request = graphqlClient(endpoint);
});
afterAll(async () => {
  await routerBalancer?.close();
  await subgraphBalancer?.close();
  await Promise.all([...(trades ?? []), ...(dynamics ?? [])].map((instance) => instance.stop()));
  await platform?.close();
});

/** requestId → the instance of `pool` that answered it (the last one nginx tried), for ids matching `ids`. */
function takenBy(balancer: PrivateNginx, pool: string, ids: RegExp): Map<string, string> {
  const taken = new Map<string, string>();
  for (const entry of balancer.accessLog())
    if (entry.pool === pool && ids.test(entry.requestId)) taken.set(entry.requestId, entry.upstreams.at(-1)!);
  return taken;
}

interface OrderAvailable {
  orderAvailable: { id: string; order: { id: string; customer: { displayName: string } } };
}
const ORDER_AVAILABLE = `subscription($after: ID) {
  orderAvailable(after: $after) { id order { id customer { displayName } } }
}`;

/** Collects what `orderAvailable` pushes. */
function listen(client: Client, after?: string) {
  const received: OrderAvailable[] = [];
  const errors: unknown[] = [];
  client.subscribe<OrderAvailable>(
    { query: ORDER_AVAILABLE, variables: after ? { after } : {} },
    {
      next: (value) => received.push(value.data!),
      error: (error) => errors.push(error),
      complete() {},
    },
  );
  return { received, errors };
}

describe("subscriptions with two routers and two trade instances", () => {
  it("a coach subscribed through one router hears of orders created through the other router and the other trade instance, and resumes on either router", async () => {
    const customer = await signUp(request, "Mei");
    const coaches = await Promise.all(
      ["Ana", "Ben"].map((name) => signUpGrabbingCoach(platform, request, name, { region: "hangzhou" })),
    );
    // One socket after the other: nginx's round robin puts them on different routers (checked below).
    const sockets: Socket[] = [];
    for (const [index, coach] of coaches.entries()) {
      const socket = connectSocket(endpoint, coach.token, tagged(`socket-${index}`));
      await new Promise((resolve) => socket.client.on("connected", resolve));
      sockets.push(socket);
    }
    const feeds = sockets.map(({ client }) => listen(client));
    await sleep(500); // a subscription reaches trade a moment after the client sends it

    // Both created back to back (the balancer alternates them over the two trade instances), then each
    // opens once finance has authorized its payment.
    const created: string[] = [];
    for (const tag of ["create-0", "create-1"]) {
      const { data, errors } = await placeOrder(request, customer, "hangzhou", tagged(tag));
      if (!data) throw new Error(`createServiceOrder failed: ${JSON.stringify(errors)}`);
      created.push(data.createServiceOrder.id);
    }
    for (const id of created) expect(await settledOrderStatus(request, customer, id)).toBe("OPEN");
    const heard = await eventually(
      async () => feeds.map((feed) => feed.received.map((message) => message.orderAvailable.order)),
      (orders) => orders.every((list) => list.length >= 2),
      5_000,
    );
    for (const [index, orders] of heard.entries()) {
      expect(feeds[index]!.errors).toEqual([]);
      expect(orders.map((order) => order.id).sort()).toEqual([...created].sort());
      expect(orders.map((order) => order.customer.displayName)).toEqual(["Mei", "Mei"]);
    }
    await Promise.all(sockets.map((socket) => socket.client.dispose()));

    // nginx logs a WebSocket when it closes.
    const socketRouters = await eventually(
      async () => takenBy(routerBalancer, "router", /^socket-/),
      (taken) => taken.size === 2,
    );
    expect(new Set(socketRouters.values())).toEqual(new Set(routers));
    // Both orders reached both sockets, so each router's upstream subscription (on whichever trade
    // instance) heard of an order that the other trade instance created.
    const createdOn = takenBy(subgraphBalancer, "trade", /^create-/);
    expect(new Set(createdOn.values())).toEqual(new Set(trades.map((p) => hostOf(p.url))));

    // No sticky sessions: while Ana is away another order comes; she resumes from the last notification
    // she saw on the router she was not on (where a balancer may well send her), and gets just that one.
    const missed = await openOrder(request, customer, "hangzhou", tagged("create-2"));
    const lastSeen = feeds[0]!.received.find(({ orderAvailable }) => orderAvailable.order.id === created[1])!;
    const otherRouter = routers.find((host) => host !== socketRouters.get("socket-0"))!;
    const resumed = connectSocket(`http://${otherRouter}/graphql`, coaches[0]!.token);
    const replay = listen(resumed.client, lastSeen.orderAvailable.id);
    const caughtUp = await eventually(
      async () => replay.received,
      (received) => received.length > 0,
      5_000,
    );
    expect(replay.errors).toEqual([]);
    expect(caughtUp.map(({ orderAvailable }) => orderAvailable.order)).toEqual([
      { id: missed, customer: { displayName: "Mei" } },
    ]);
    await resumed.client.dispose();
  });
});

describe("the grab race over two trade instances", () => {
  const COACHES = 10;
  const ORDERS = 6;

  it("has exactly one winner per order, in the answers and in the database", async () => {
    const customer = await signUp(request, "Cyd");
    const coaches = await Promise.all(
      Array.from({ length: COACHES }, (_, i) =>
        signUpGrabbingCoach(platform, request, `Racer${i}`, { region: "shanghai", capacity: ORDERS }),
      ),
    );
    const orders: string[] = [];
    for (let i = 0; i < ORDERS; i++)
      orders.push(await openOrder(request, customer, "shanghai", tagged(`order-${i}`)));

    const attempts = coaches.flatMap((coach, c) =>
      orders.map((orderId, o) => ({ coach, orderId, requestId: `grab-${c}-${o}` })),
    );
    const results = await Promise.all(
      attempts.map(async (attempt) => ({
        ...attempt,
        answer: await request(
          "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }",
          { id: attempt.orderId },
          attempt.coach.token,
          tagged(attempt.requestId),
        ),
      })),
    );

    const winners = new Map<string, string[]>();
    for (const { orderId, coach, answer } of results) {
      if (answer.errors) expect(answer.errors[0]?.extensions?.code).toBe("CONFLICT");
      else winners.set(orderId, [...(winners.get(orderId) ?? []), coach.id]);
    }
    expect(orders.map((orderId) => winners.get(orderId)?.length)).toEqual(orders.map(() => 1));

    const db = platform.tradeDb;
    const assigned = await db.serviceOrder.findMany({ where: { id: { in: orders } } });
    expect(assigned.map((order) => [order.id, order.status, order.coachId]).sort()).toEqual(
      orders.map((orderId) => [orderId, "ASSIGNED", winners.get(orderId)![0]]).sort(),
    );
    const won = await db.grabRequest.groupBy({
      by: ["orderId"],
      where: { orderId: { in: orders }, outcome: "WON" },
      _count: true,
    });
    expect(won.map((row) => [row.orderId, row._count]).sort()).toEqual(orders.map((id) => [id, 1]).sort());
    const assignedEvents = await db.outboxEvent.groupBy({
      by: ["aggregateId"],
      where: { subject: "trade.order_assigned.v1", aggregateId: { in: orders } },
      _count: true,
    });
    expect(assignedEvents.map((row) => [row.aggregateId, row._count]).sort()).toEqual(
      orders.map((id) => [id, 1]).sort(),
    );

    // The race really was spread: both routers and both trade instances took grabs.
    const instancesOf = (taken: Map<string, string>) => new Set(taken.values());
    expect(instancesOf(takenBy(routerBalancer, "router", /^grab-/))).toEqual(new Set(routers));
    expect(instancesOf(takenBy(subgraphBalancer, "trade", /^grab-/))).toEqual(
      new Set(trades.map((p) => hostOf(p.url))),
    );

    // Each order_assigned reached dynamic once (its instances share one durable consumer), and the
    // customer's feed, served by a dynamic instance through the balancers, shows every assignment.
    const feed = await eventually(
      async () =>
        (
          await request<{ feed: { nodes: Array<{ type: string }> } }>(
            "{ feed(first: 20) { nodes { type } } }",
            {},
            customer.token,
          )
        ).data?.feed.nodes ?? [],
      (nodes) => nodes.filter((node) => node.type === "ORDER_ASSIGNED").length >= ORDERS,
    );
    expect(feed.filter((node) => node.type === "ORDER_ASSIGNED")).toHaveLength(ORDERS);
    expect(
      await platform.dynamicDb.activity.count({
        where: { type: "ORDER_ASSIGNED", objectId: { in: orders } },
      }),
    ).toBe(ORDERS);
  });
});

describe("a trade instance killed under load", () => {
  const STREAMS = 6;

  it("loses no acknowledged write, and the survivor carries on", async () => {
    const customer = await signUp(request, "Dot");
    const [victim, survivor] = trades as [SubgraphProcess, SubgraphProcess];
    const answers: Array<{ requestId: string; id?: string; errors?: unknown[] }> = [];
    let sent = 0;
    let streaming = true;
    const stream = async () => {
      while (streaming) {
        const requestId = `load-${sent++}`;
        const { data, errors } = await placeOrder(request, customer, "suzhou", tagged(requestId));
        answers.push({ requestId, id: data?.createServiceOrder?.id, errors });
      }
    };
    const streams = Array.from({ length: STREAMS }, stream);
    await sleep(1_000);
    await victim.kill(); // SIGKILL: no goodbye, whatever it held in flight is cut off
    await sleep(1_500);
    streaming = false;
    await Promise.all(streams);

    // Only what the victim held when it died can fail, at most one request per stream, and each says
    // trade was unavailable (nginx answered 502 for it; whether it committed, nobody can know).
    const acknowledged = answers.filter((answer) => !answer.errors).map((answer) => answer.id!);
    const failed = answers.filter((answer) => answer.errors);
    expect(failed.length).toBeLessThanOrEqual(STREAMS);
    for (const { errors } of failed)
      expect(errors).toMatchObject([
        { extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "trade", reason: "proxy", status: 502 } },
      ]);
    const loadOn = takenBy(subgraphBalancer, "trade", /^load-/);
    expect([...loadOn.values()].filter((host) => host === hostOf(victim.url)).length).toBeGreaterThan(0);

    // Every acknowledged order is stored, with its order_payment_requested event, relayed even
    // when the victim wrote it and died before its relay sent it.
    const db = platform.tradeDb;
    expect(await db.serviceOrder.count({ where: { id: { in: acknowledged } } })).toBe(acknowledged.length);
    const unsent = await eventually(
      () =>
        db.outboxEvent.count({
          where: {
            subject: "trade.order_payment_requested.v1",
            aggregateId: { in: acknowledged },
            sentAt: null,
          },
        }),
      (count) => count === 0,
    );
    expect(unsent).toBe(0);
    expect(
      await db.outboxEvent.count({
        where: { subject: "trade.order_payment_requested.v1", aggregateId: { in: acknowledged } },
      }),
    ).toBe(acknowledged.length);

    // The survivor takes everything now, and every request succeeds.
    const after = await Promise.all(
      Array.from({ length: 10 }, (_, i) => placeOrder(request, customer, "suzhou", tagged(`after-${i}`))),
    );
    expect(after.map((answer) => answer.errors)).toEqual(after.map(() => undefined));
    expect(new Set(takenBy(subgraphBalancer, "trade", /^after-/).values())).toEqual(
      new Set([hostOf(survivor.url)]),
    );
  });
});
