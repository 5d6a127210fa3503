import type { Role } from "@health/platform/auth";
import { type ExecutionResult, parse, subscribe } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_AVAILABLE, snapshotOf } from "../src/domain/notifications/notifications.ts";
import { REPLAY_LIMIT } from "../src/domain/notifications/replay.ts";
import { replayLockKey } from "../src/domain/notifications/replayLock.ts";
import { GRAB, startTradeSubgraph, type TradeHarness, UPDATE_STATUS } from "./harness.ts";

let h: TradeHarness;
beforeAll(async () => {
  h = await startTradeSubgraph();
});
afterAll(() => h?.close());

type Person = { id: string; token: string; roles: Role[] };
type Stream = AsyncIterableIterator<ExecutionResult>;

async function nextOrTimeout(stream: Stream, ms: number): Promise<ExecutionResult | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  const next = stream.next().then((r) => r.value as ExecutionResult);
  const result = await Promise.race([next, timeout]);
  clearTimeout(timer);
  return result;
}

async function open(who: Person, document: string, variables: Record<string, unknown> = {}) {
  const result = await subscribe({
    schema: h.server.schema,
    document: parse(document),
    variableValues: variables,
    contextValue: h.contextFor(who),
  });
  return result as Stream | ExecutionResult;
}

async function openStream(who: Person, document: string, variables: Record<string, unknown> = {}) {
  const result = await open(who, document, variables);
  if (!(Symbol.asyncIterator in result)) throw new Error(`no subscription: ${JSON.stringify(result.errors)}`);
  return result;
}

const AVAILABLE = `subscription Available($after: ID) {
  orderAvailable(after: $after) { id order { id status specialty region customer { id } } }
}`;
const UPDATED = `subscription Updated($orderId: ID!) { orderUpdated(orderId: $orderId) { id status coach { id } } }`;

type Notification = { id: string; order: { id: string } };
const notificationOf = (event: ExecutionResult | "timeout" | undefined): Notification | null =>
  event === "timeout" || !event ? null : ((event.data?.orderAvailable as Notification | undefined) ?? null);
const orderIdOf = (event: ExecutionResult | "timeout") => notificationOf(event)?.order.id ?? "timeout";
const notificationIdOf = (event: ExecutionResult | "timeout") => notificationOf(event)?.id ?? "timeout";

async function relayed() {
  await h.eventually(
    () => h.db.outboxEvent.count({ where: { sentAt: null } }),
    (n) => n === 0,
  );
}

describe("orderAvailable", () => {
  it("delivers new OPEN orders matching the coach's rules, and no others", async () => {
    const region = `r-${Math.random().toString(36).slice(2, 8)}`;
    const me = await h.coachWithProfile({ regions: [region], level: 3 });
    const customer = await h.person();
    const stream = await openStream(me, AVAILABLE);
    const match1 = await h.openOrder(customer, { region });
    await h.openOrder(customer, { region: "elsewhere" });
    await h.openOrder(customer, { region, minCoachLevel: 4 });
    await h.openOrder(customer, { region, specialty: "yoga" });
    const match2 = await h.openOrder(customer, { region, minCoachLevel: 3 });

    const first = await nextOrTimeout(stream, 5_000);
    expect(first).toMatchObject({
      data: {
        orderAvailable: { order: { id: match1, status: "OPEN", region, customer: { id: customer.id } } },
      },
    });
    const stored = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: match1 } });
    expect(notificationIdOf(first)).toBe(stored.notificationId);
    expect(orderIdOf(await nextOrTimeout(stream, 5_000))).toBe(match2);
    expect(await nextOrTimeout(stream, 300)).toBe("timeout");
    await stream.return?.();
  });

  it("is for coaches with a profile only", async () => {
    const customer = await h.person();
    const refused = await open(customer, AVAILABLE);
    expect(Symbol.asyncIterator in refused).toBe(false);
    expect((refused as ExecutionResult).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const noProfile = await open(await h.person(["coach"]), AVAILABLE);
    expect((noProfile as ExecutionResult).errors?.[0]?.message).toContain("setCoachProfile");
    const badAfter = await open(await h.coachWithProfile(), AVAILABLE, { after: "not-an-id" });
    expect((badAfter as ExecutionResult).errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });

  it("replays exactly the matching notifications missed since `after`, then live ones, with no duplicate at the seam", async () => {
    const region = `r-${Math.random().toString(36).slice(2, 8)}`;
    const me = await h.coachWithProfile({ regions: [region], capacity: 1 });
    const other = await h.coachWithProfile({ regions: [region] });
    const customer = await h.person();

    const first = await openStream(me, AVAILABLE);
    await h.openOrder(customer, { region });
    const seen = notificationIdOf(await nextOrTimeout(first, 5_000));
    await first.return?.();

    // While disconnected: two that match, one that does not, one taken and one cancelled meanwhile.
    const missed1 = await h.openOrder(customer, { region });
    await h.openOrder(customer, { region: "elsewhere" });
    const taken = await h.openOrder(customer, { region });
    const missed2 = await h.openOrder(customer, { region });
    const cancelled = await h.openOrder(customer, { region });
    expect((await h.request(GRAB, { orderId: taken }, other.token)).errors).toBeUndefined();
    expect(
      (await h.request(UPDATE_STATUS, { orderId: cancelled, status: "CANCELLED" }, customer.token)).errors,
    ).toBeUndefined();
    await relayed();

    const resumed = await openStream(me, AVAILABLE, { after: seen });
    // A live copy of a replayed notification (the seam) is dropped.
    const missed2Row = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: missed2 } });
    h.deps.pubSub.publish(ORDER_AVAILABLE, { id: missed2Row.notificationId, order: snapshotOf(missed2Row) });
    const live = await h.openOrder(customer, { region });

    const received = [
      await nextOrTimeout(resumed, 5_000),
      await nextOrTimeout(resumed, 5_000),
      await nextOrTimeout(resumed, 5_000),
    ].map(orderIdOf);
    expect(received).toEqual([missed1, missed2, live]);
    expect(await nextOrTimeout(resumed, 300)).toBe("timeout");
    await resumed.return?.();
  });

  it("refuses an `after` older than the window or not a notification it sent, telling the client to re-sync", async () => {
    const me = await h.coachWithProfile();
    const v7 = (ms: number) => {
      const hex = ms.toString(16).padStart(12, "0");
      return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
    };
    const cases = [
      // A UUIDv7 minted two days ago: older than the 24 h window.
      [v7(Date.now() - 2 * 86_400_000), "REPLAY_WINDOW_EXPIRED"],
      // Recent, well formed, but no notification has that id.
      [v7(Date.now() - 1_000), "UNKNOWN_NOTIFICATION"],
      ["00000000-0000-4000-8000-000000000000", "UNKNOWN_NOTIFICATION"],
    ] as const;
    for (const [after, reason] of cases) {
      const refused = await open(me, AVAILABLE, { after });
      expect(Symbol.asyncIterator in refused).toBe(false);
      const error = (refused as ExecutionResult).errors?.[0];
      expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after", reason });
      expect(error?.message).toContain("availableOrders");
    }
  });

  /** A coach in a region of its own who was shown one order live, and the id of that notification. */
  async function coachWhoSawOneOrder() {
    const region = `r-${Math.random().toString(36).slice(2, 8)}`;
    const me = await h.coachWithProfile({ regions: [region] });
    const customer = await h.person();
    const first = await openStream(me, AVAILABLE);
    await h.openOrder(customer, { region });
    const seen = notificationIdOf(await nextOrTimeout(first, 5_000));
    await first.return?.();
    return { region, me, customer, seen };
  }

  it("replays at most one page per resume: the stream ends after it, and the next resume goes on from its last id", async () => {
    const { region, me, customer, seen } = await coachWhoSawOneOrder();
    const missed: string[] = [];
    for (let i = 0; i < REPLAY_LIMIT + 5; i++) missed.push(await h.openOrder(customer, { region }));
    await relayed();

    const resumed = await openStream(me, AVAILABLE, { after: seen });
    const page: Notification[] = [];
    for (let next = await resumed.next(); !next.done; next = await resumed.next()) {
      page.push(notificationOf(next.value)!);
    }
    expect(page.map((n) => n.order.id)).toEqual(missed.slice(0, REPLAY_LIMIT));

    const rest = await openStream(me, AVAILABLE, { after: page.at(-1)!.id });
    const tail = [];
    for (let i = 0; i < 5; i++) tail.push(orderIdOf(await nextOrTimeout(rest, 5_000)));
    expect(tail).toEqual(missed.slice(REPLAY_LIMIT));
    const live = await h.openOrder(customer, { region });
    expect(orderIdOf(await nextOrTimeout(rest, 5_000))).toBe(live);
    await rest.return?.();
  });

  it("lets one resume per coach be in flight: one while another holds the slot is RATE_LIMITED, and the slot is freed after", async () => {
    const { me, seen } = await coachWhoSawOneOrder();
    await relayed();

    // Another resume of this coach's holds the slot (as set by acquireReplayLease, on another instance
    // maybe). Two real resumes raced here would be a race the test cannot order: a short replay may
    // finish and free the slot before the second asks.
    await h.deps.redis.set(replayLockKey(me.id), "another-resume", "PX", 30_000);
    const refused = (await open(me, AVAILABLE, { after: seen })) as ExecutionResult;
    expect(Symbol.asyncIterator in refused).toBe(false);
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: "RATE_LIMITED",
      reason: "REPLAY_IN_FLIGHT",
    });

    await h.deps.redis.del(replayLockKey(me.id));
    const again = await openStream(me, AVAILABLE, { after: seen });
    await again.return?.();
    expect(await h.deps.redis.get(replayLockKey(me.id))).toBeNull();
  });
});

describe("orderUpdated", () => {
  it("shows the customer and the assigned coach every state change; others are FORBIDDEN", async () => {
    const customer = await h.person();
    const me = await h.coachWithProfile();
    const orderId = await h.openOrder(customer);
    const stranger = await h.person();
    const refused = await open(stranger, UPDATED, { orderId });
    expect((refused as ExecutionResult).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const stream = await openStream(customer, UPDATED, { orderId });
    expect((await h.request(GRAB, { orderId }, me.token)).errors).toBeUndefined();
    expect(await nextOrTimeout(stream, 5_000)).toMatchObject({
      data: { orderUpdated: { id: orderId, status: "ASSIGNED", coach: { id: me.id } } },
    });
    const coachStream = await openStream(me, UPDATED, { orderId });
    await h.request(UPDATE_STATUS, { orderId, status: "IN_SERVICE" }, me.token);
    await h.request(UPDATE_STATUS, { orderId, status: "AWAITING_CONFIRMATION" }, me.token);
    await h.request(UPDATE_STATUS, { orderId, status: "COMPLETED" }, customer.token);
    for (const s of [stream, coachStream]) {
      for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION", "COMPLETED"]) {
        expect(await nextOrTimeout(s, 5_000)).toMatchObject({ data: { orderUpdated: { status } } });
      }
      await s.return?.();
    }
  });
});
