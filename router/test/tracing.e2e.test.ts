import {
  eventually,
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from "@health/platform/testing";
import { isTracingOn, startTracing, type Tracing } from "@health/platform/tracing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { signUp } from "./support/people.ts";
import { connectSocket } from "./support/socketClient.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 14 point 1: one trace per client operation, from the router through a subgraph, Prisma, the
// outbox and NATS to a consumer in another subgraph, exported over OTLP/HTTP to a real receiver. One
// platform, in order: tracing off, then on into the receiver, then on with the receiver stopped (each
// request checks whether tracing is on, so the same platform serves all three).

let receiver: OtlpReceiver;
let tracing: Tracing | undefined;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  platform = await startPlatform();
  request = graphqlClient(platform.url);
}, 90_000);
afterAll(async () => {
  await platform?.close();
  await tracing?.shutdown();
  await receiver?.close();
});

/**
 * Tracing into `endpoint`, exporting every 100 ms. Once per process, as in production: libraries keep
 * the tracer they got first (@apollo/gateway's), so a second provider would not reach them.
 */
function traceInto(endpoint: string): Tracing {
  tracing = startTracing({
    endpoint,
    serviceName: "platform-under-test",
    samplerRatio: 1,
    exportTimeoutMs: 1_000,
    maxQueueSize: 100_000,
    scheduleDelayMs: 100,
  });
  return tracing;
}

const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;

/** The spans of one trace, and a way to walk from a span to its parent. */
function treeOf(spans: readonly ReceivedSpan[]) {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const parentOf = (span: ReceivedSpan) => byId.get(span.parentSpanId);
  const isUnder = (span: ReceivedSpan, ancestor: ReceivedSpan): boolean => {
    for (let at = parentOf(span); at; at = parentOf(at)) if (at.spanId === ancestor.spanId) return true;
    return false;
  };
  const one = (what: string, match: (span: ReceivedSpan) => boolean): ReceivedSpan => {
    const found = spans.filter(match);
    if (found.length !== 1)
      throw new Error(`expected one ${what}, found ${found.length}: ${spans.map((s) => s.name).join(", ")}`);
    return found[0]!;
  };
  return { parentOf, isUnder, one };
}

/** A coach grabs a fresh order through the router: the grabbed order's id. */
async function grab(region: string): Promise<string> {
  const customer = await signUp(request, "Cora");
  const coach = await signUpGrabbingCoach(platform, request, "Colm", { region });
  const orderId = await openOrder(request, customer, region);
  const { data, errors } = await request<{ grabOrder: { id: string; status: string } }>(
    "mutation($id: ID!) { grabOrder(orderId: $id) { id status } }",
    { id: orderId },
    coach.token,
  );
  expect(errors).toBeUndefined();
  expect(data?.grabOrder.status).toBe("ASSIGNED");
  return orderId;
}

const assignedEnvelope = async (orderId: string) => {
  const row = await platform.tradeDb.outboxEvent.findFirstOrThrow({
    where: { subject: "trade.order_assigned.v1", aggregateId: orderId },
  });
  return row.envelope as { traceparent: string | null };
};

describe("tracing off", () => {
  it("off: requests work and no trace context is made or stored", async () => {
    expect(isTracingOn()).toBe(false);
    const orderId = await grab(`off-${Date.now()}`);
    expect((await assignedEnvelope(orderId)).traceparent).toBeNull();
  });
});

describe("a grab's trace", () => {
  beforeAll(() => {
    traceInto(receiver.url);
  });

  it("runs from the router's operation through trade, Prisma, the outbox and NATS to dynamic's feed", async () => {
    const region = `trace-${Date.now()}`;
    const customer = await signUp(request, "Tracy");
    const coach = await signUpGrabbingCoach(platform, request, "Tomas", { region });
    const orderId = await openOrder(request, customer, region);

    const grabbed = await request<{ grabOrder: { id: string } }>(
      "mutation TracedGrab($id: ID!) { grabOrder(orderId: $id) { id } }",
      { id: orderId },
      coach.token,
    );
    expect(grabbed.errors).toBeUndefined();

    // The router's span of this operation is a trace's root; everything below must share its trace id.
    const isGrabRoot = (span: ReceivedSpan) => span.scope === "router" && span.name === "mutation TracedGrab";
    const isDynamicHandling = (span: ReceivedSpan) =>
      span.kind === CONSUMER &&
      span.name === "process order_assigned v1" &&
      String(span.attributes["messaging.consumer.group.name"]).startsWith("dynamic");
    const spans = await eventually(
      async () => {
        await tracing?.flush();
        const root = receiver.spans().find(isGrabRoot);
        return root ? receiver.spans().filter((span) => span.traceId === root.traceId) : [];
      },
      (trace) => trace.some(isDynamicHandling) && trace.some((s) => s.name === "prisma:client:db_query"),
      20_000,
    );
    const { parentOf, isUnder, one } = treeOf(spans);

    const router = one("router operation span", isGrabRoot);
    expect(router.kind).toBe(SERVER);
    expect(router.parentSpanId).toBe("");
    expect(router.attributes["graphql.operation.name"]).toBe("TracedGrab");

    const fetch = one(
      "gateway fetch to trade",
      (span) => span.name === "gateway.fetch" && span.attributes.service === "trade",
    );
    expect(isUnder(fetch, router)).toBe(true);
    expect(
      isUnder(
        fetch,
        one("gateway plan", (span) => span.name === "gateway.request"),
      ),
    ).toBe(true);

    const trade = one("trade operation span", (span) => span.scope === "trade" && span.kind === SERVER);
    expect(trade.parentSpanId).toBe(fetch.spanId);
    expect(trade.name).toMatch(/^mutation /);

    const tradeQueries = spans.filter(
      (span) => span.name === "prisma:client:db_query" && isUnder(span, trade),
    );
    expect(tradeQueries.length).toBeGreaterThan(0);

    const outbox = one("outbox write", (span) => span.name === "outbox write trade.order_assigned.v1");
    expect(isUnder(outbox, trade)).toBe(true);
    const settle = spans.filter((span) => span.name === "prisma:client:db_query" && isUnder(span, outbox));
    expect(settle.map((span) => String(span.attributes["db.query.text"]))).toEqual(
      expect.arrayContaining([expect.stringContaining("trade_settle_grab")]),
    );

    const publish = one("relay publish", (span) => span.name === "publish trade.order_assigned.v1");
    expect(publish.kind).toBe(PRODUCER);
    expect(publish.parentSpanId).toBe(outbox.spanId);
    expect(publish.attributes["messaging.message.id"]).toEqual(expect.any(String));

    const handling = one("dynamic's handling of order_assigned", isDynamicHandling);
    expect(handling.parentSpanId).toBe(publish.spanId);
    expect(handling.attributes["messaging.message.id"]).toBe(publish.attributes["messaging.message.id"]);
    const feedWrites = spans.filter(
      (span) =>
        span.name === "prisma:client:db_query" &&
        isUnder(span, handling) &&
        /INSERT INTO "[a-z_]*"?\.?"?activities"/i.test(String(span.attributes["db.query.text"])),
    );
    expect(feedWrites.length).toBeGreaterThan(0);
    expect(parentOf(handling)).toBe(publish);
  });

  it("gives the router's subscribe a span, and each event's resolution a trace with its fetches", async () => {
    const region = `trace-live-${Date.now()}`;
    const customer = await signUp(request, "Sol");
    const coach = await signUpGrabbingCoach(platform, request, "Suki", { region });
    const socket = connectSocket(platform.url, coach.token);
    const received: unknown[] = [];
    const unsubscribe = socket.client.subscribe(
      { query: "subscription CoachFeed { orderAvailable { id order { id customer { displayName } } } }" },
      { next: (value) => received.push(value), error: (error) => received.push(error), complete() {} },
    );
    try {
      const subscribed = await eventually(
        async () => {
          await tracing?.flush();
          return receiver.spans().filter((span) => span.name === "subscribe CoachFeed");
        },
        (spans) => spans.length === 1,
        10_000,
      );
      expect(subscribed).toEqual([expect.objectContaining({ scope: "router", kind: SERVER })]);
      const orderId = await openOrder(request, customer, region);
      const messages = await eventually(
        async () => received,
        (sofar) => JSON.stringify(sofar).includes(orderId),
        10_000,
      );
      expect(JSON.stringify(messages)).toContain(orderId);
      const spans = await eventually(
        async () => {
          await tracing?.flush();
          const event = receiver.spans().find((span) => span.name === "subscription event CoachFeed");
          return event ? receiver.spans().filter((span) => span.traceId === event.traceId) : [];
        },
        (trace) => trace.some((span) => span.name === "gateway.fetch"),
        10_000,
      );
      const { isUnder, one } = treeOf(spans);
      const event = one("event resolution", (span) => span.name === "subscription event CoachFeed");
      expect(event.kind).toBe(CONSUMER);
      expect(event.parentSpanId).toBe("");
      const fetches = spans.filter((span) => span.name === "gateway.fetch" && isUnder(span, event));
      expect(fetches.length).toBeGreaterThan(0);
      // The customer's name comes from another subgraph, reached from the router with the trace's context.
      expect(
        spans.some((span) => span.kind === SERVER && fetches.some((f) => span.parentSpanId === f.spanId)),
      ).toBe(true);
    } finally {
      unsubscribe();
      await socket.client.dispose();
    }
  });
});

describe("tracing on, the collector gone", () => {
  it("fails open: with the collector stopped, requests and events work, and spans are dropped", async () => {
    // The receiver that took every span so far stops; tracing stays on, pointed at it.
    await receiver.close();
    const orderId = await grab(`dead-collector-${Date.now()}`);
    // Still traced: the outbox row carries the context the relay and consumers continue.
    expect((await assignedEnvelope(orderId)).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await expect(tracing?.flush()).resolves.toBeUndefined();
  });
});
