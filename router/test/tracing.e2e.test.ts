import {
  eventually,
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
} from "@health/platform/testing";
import { startTracing, type Tracing } from "@health/platform/tracing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpGrabbingCoach } from "./support/coaches.ts";
import { graphqlClient } from "./support/graphqlClient.ts";
import { openOrder } from "./support/orders.ts";
import { signUp } from "./support/people.ts";
import { type StartedPlatform, startPlatform } from "./support/startPlatform.ts";

// Issue 14 point 1: one trace per client operation, from the router through a subgraph, Prisma, the
// outbox and NATS to a consumer in another subgraph, exported over OTLP/HTTP to a real receiver.

let receiver: OtlpReceiver;
let tracing: Tracing;
let platform: StartedPlatform;
let request: ReturnType<typeof graphqlClient>;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  tracing = startTracing({
    endpoint: receiver.url,
    serviceName: "platform-under-test",
    samplerRatio: 1,
    exportTimeoutMs: 5_000,
    maxQueueSize: 100_000,
    scheduleDelayMs: 100,
  });
  platform = await startPlatform();
  request = graphqlClient(platform.url);
}, 90_000);
afterAll(async () => {
  await platform?.close();
  await tracing?.shutdown();
  await receiver?.close();
});

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

describe("a grab's trace", () => {
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
        await tracing.flush();
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
});
