import { randomUUID } from "node:crypto";
import { coachLevelChangedV1, orderCancelledV1 } from "@health/events/catalog";
import { findTraces, policyGaps } from "@health/platform/privacy";
import {
  deliverEvent,
  eraseThroughSubgraph,
  exportThroughSubgraph,
  type PrivacyTestTarget,
} from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLockKey } from "../src/domain/notifications/replayLock.ts";
import { ERASED_CUSTOMER_REASON } from "../src/privacy/erase.ts";
import { TRADE_TABLES } from "../src/privacy/policy.ts";
import {
  GRAB,
  profileInput,
  SET_PROFILE,
  startTradeSubgraph,
  type TradeHarness,
  UPDATE_STATUS,
} from "./harness.ts";

// Issue 13, trade's part: a person who is both a customer and a coach exports everything trade holds
// about them and is erased; the coach who served them keeps the order (under the tombstone), their
// waiting orders end and cannot be grabbed, and no trace of them is left in trade's database.

let h: TradeHarness;
let target: PrivacyTestTarget;
beforeAll(async () => {
  h = await startTradeSubgraph();
  target = { subgraph: "trade", db: h.db, nats: h.deps.nats, bus: h.bus, publish: h.publish };
});
afterAll(() => h?.close());

const BOOK = `mutation Book($orderId: ID!, $startsAt: DateTimeISO!) { bookAppointment(orderId: $orderId, startsAt: $startsAt) { id } }`;
const DISPUTE = `mutation Dispute($orderId: ID!, $reason: String!) { disputeOrder(orderId: $orderId, reason: $reason) { id } }`;
const OFFER = `mutation Offer($input: CreateServiceOfferingInput!) { createServiceOffering(input: $input) { id } }`;
const MY_ORDERS = `{ myOrders(first: 100) { nodes { id status customer { id } coach { id } } } }`;
const AVAILABLE = `{ availableOrders(first: 100) { nodes { id } } }`;
const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceOrder { id } } }`;

/** Runs `query` as `who` and fails the test on any error. */
async function ok<T = Record<string, unknown>>(query: string, variables: object, who: { token: string }) {
  const result = await h.request<T>(query, variables as Record<string, unknown>, who.token);
  if (result.errors) throw new Error(`${query}: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

const unique = (what: string) => `${what} ${randomUUID()}`;

/** What the test seeds: the person's items of every kind, and someone else's. */
interface Seeded {
  erin: { id: string; token: string };
  carl: { id: string; token: string };
  olga: { id: string; token: string };
  texts: Record<"served" | "waiting" | "attempted" | "declined" | "pending" | "dispute", string>;
  orders: Record<"served" | "waiting" | "attempted" | "declined" | "pending" | "asCoach", string>;
  appointmentId: string;
  grabId: string;
  offeringId: string;
  olgasOrder: string;
  carlsOffering: string;
}

/**
 * Erin is a customer and a coach. As a customer: an order Carl served and she disputed (with an
 * appointment), an OPEN one nobody touched, an OPEN one Carl tried and was refused, one whose payment was
 * declined. As a coach: her profile, level and an offering, and Olga's order she won.
 */
async function seed(): Promise<Seeded> {
  const erin = await h.person(["user", "coach"]);
  await ok(SET_PROFILE, { input: profileInput({ regions: ["hangzhou"] }) }, erin);
  await h.publishLevel(erin.id, 4, 1);
  const carl = await h.coachWithProfile({ level: 3 });
  const olga = await h.person();
  const texts = {
    served: unique("Erin's knee after the marathon"),
    waiting: unique("Erin wants a meal plan"),
    attempted: unique("Erin wants an elite coach"),
    declined: unique("Erin's declined order"),
    pending: unique("Erin's order waiting for its payment"),
    dispute: unique("Erin says the coach never came"),
  };

  const served = await h.openOrder(erin, { description: texts.served });
  await ok(GRAB, { orderId: served }, carl);
  const booked = await ok<{ bookAppointment: { id: string } }>(
    BOOK,
    { orderId: served, startsAt: new Date(Date.now() + 86_400_000).toISOString() },
    erin,
  );
  for (const status of ["IN_SERVICE", "AWAITING_CONFIRMATION"]) {
    await ok(UPDATE_STATUS, { orderId: served, status }, carl);
  }
  await ok(DISPUTE, { orderId: served, reason: texts.dispute }, erin);

  const waiting = await h.openOrder(erin, { description: texts.waiting });
  const attempted = await h.openOrder(erin, { description: texts.attempted, minCoachLevel: 5 });
  const refused = await h.request(GRAB, { orderId: attempted }, carl.token);
  expect(refused.errors?.[0]?.extensions?.code).toBeDefined();
  const declined = await h.createOrder(erin, { description: texts.declined });
  await h.answerPayment(declined, { declined: "card_declined" });
  expect(await h.settledStatus(declined)).toBe("CANCELLED");
  const pending = await h.createOrder(erin, { description: texts.pending });

  const olgasOrder = await h.openOrder(olga, { region: "hangzhou", description: unique("Olga's order") });
  await ok(GRAB, { orderId: olgasOrder }, erin);
  const grab = await h.db.grabRequest.findFirstOrThrow({ where: { coachId: erin.id, orderId: olgasOrder } });
  const offerInput = { serviceType: "rehab", specialty: "rehab", priceAmount: 5000, durationMinutes: 30 };
  const offering = await ok<{ createServiceOffering: { id: string } }>(
    OFFER,
    { input: { ...offerInput, region: "hangzhou" } },
    erin,
  );
  const carlsOffering = await ok<{ createServiceOffering: { id: string } }>(
    OFFER,
    { input: { ...offerInput, region: "shanghai" } },
    carl,
  );
  const asCoach = await h.openOrder(olga, { region: "hangzhou", description: unique("Olga's second order") });
  await ok(GRAB, { orderId: asCoach }, erin);
  return {
    erin,
    carl,
    olga,
    texts,
    orders: { served, waiting, attempted, declined, pending, asCoach: olgasOrder },
    appointmentId: booked.bookAppointment.id,
    grabId: grab.id,
    offeringId: offering.createServiceOffering.id,
    olgasOrder: asCoach,
    carlsOffering: carlsOffering.createServiceOffering.id,
  };
}

const ids = (items: readonly unknown[] | undefined) =>
  (items ?? []).map((item) => (item as { id: string }).id);

let s: Seeded;

describe("trade's data-subject rights", () => {
  it("has an erasure policy for every table, and for no table it does not have", async () => {
    expect(await policyGaps(h.db, TRADE_TABLES)).toEqual({ unnamed: [], absent: [] });
  });

  it("exports the person's orders as customer and as coach, appointments, attempts, profile, level and offerings, and nobody else's", async () => {
    s = await seed();
    const { part, answer } = await exportThroughSubgraph(target, s.erin.id);
    const sections = part.sections;
    expect(ids(sections.ordersAsCustomer).sort()).toEqual(
      [s.orders.served, s.orders.waiting, s.orders.attempted, s.orders.declined, s.orders.pending].sort(),
    );
    const served = sections.ordersAsCustomer!.find((o) => (o as { id: string }).id === s.orders.served);
    expect(served).toMatchObject({
      status: "DISPUTED",
      coachId: s.carl.id,
      description: s.texts.served,
      disputeReason: s.texts.dispute,
      priceAmount: 19_900,
    });
    // Erin's second won order is Olga's too: both are Erin's as coach.
    expect(ids(sections.ordersAsCoach).sort()).toEqual([s.orders.asCoach, s.olgasOrder].sort());
    expect(sections.ordersAsCoach![0]).not.toHaveProperty("description");
    expect(ids(sections.appointments)).toEqual([s.appointmentId]);
    expect(ids(sections.grabAttempts)).toContain(s.grabId);
    expect(sections.coachProfile).toEqual([expect.objectContaining({ regions: ["hangzhou"], level: 4 })]);
    expect(sections.coachLevel).toEqual([expect.objectContaining({ level: 4, sequence: 1 })]);
    expect(ids(sections.serviceOfferings)).toEqual([s.offeringId]);
    const text = JSON.stringify(part);
    expect(text).not.toContain(s.carlsOffering);
    // Olga appears as a customer id only: her words are hers.
    expect(text).not.toContain("Olga's");
    expect(answer.sections).toEqual(
      Object.fromEntries(Object.entries(sections).map(([name, items]) => [name, items.length])),
    );
  });

  it("erases the person: served orders kept under the tombstone without their words, waiting ones ended and ungrabbable, the rest deleted", async () => {
    await h.deps.redis.set(replayLockKey(s.erin.id), "lease", "PX", 30_000);
    const carlBefore = await h.db.coachProfile.findUniqueOrThrow({ where: { coachId: s.carl.id } });
    const erased = await eraseThroughSubgraph(target, s.erin.id);
    const { tombstoneId } = erased;
    expect(erased.tables).toEqual(
      expect.arrayContaining([
        { table: "service_orders", action: "DELETED", rows: 3 },
        { table: "service_orders", action: "TOMBSTONED", rows: 4 },
        { table: "appointments", action: "TOMBSTONED", rows: 1 },
        { table: "grab_requests", action: "DELETED", rows: 2 },
        { table: "service_offerings", action: "DELETED", rows: 1 },
        { table: "coach_profiles", action: "DELETED", rows: 1 },
        { table: "coach_levels", action: "DELETED", rows: 1 },
      ]),
    );
    const texts = Object.values(s.texts);
    expect(await findTraces(h.db, [s.erin.id, ...texts])).toEqual([]);
    expect(await h.deps.redis.exists(replayLockKey(s.erin.id))).toBe(0);

    // Carl's history still has the order he served, under the tombstone customer, her words gone.
    const carlsOrders = await ok<{ myOrders: { nodes: Array<Record<string, unknown>> } }>(
      MY_ORDERS,
      {},
      s.carl,
    );
    expect(carlsOrders.myOrders.nodes).toContainEqual({
      id: s.orders.served,
      status: "DISPUTED",
      customer: { id: tombstoneId },
      coach: { id: s.carl.id },
    });
    const served = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: s.orders.served } });
    expect(served).toMatchObject({ customerId: tombstoneId, description: "", disputeReason: null });
    expect(await h.db.appointment.findUniqueOrThrow({ where: { id: s.appointmentId } })).toMatchObject({
      customerId: tombstoneId,
      coachId: s.carl.id,
    });
    // Olga's orders Erin won keep Olga and her words; their coach is the tombstone.
    const olgas = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: s.orders.asCoach } });
    expect(olgas).toMatchObject({ customerId: s.olga.id, coachId: tombstoneId, status: "ASSIGNED" });
    expect(olgas.description).toContain("Olga's order");

    // The untouched waiting order, the declined one and the one waiting for its payment are gone (that
    // one's saga compensated: a late authorization cannot open it); the one Carl tried is cancelled.
    const gone = [s.orders.waiting, s.orders.declined, s.orders.pending];
    expect(await h.db.serviceOrder.count({ where: { id: { in: gone } } })).toBe(0);
    const saga = await h.db.sagaInstance.findUniqueOrThrow({ where: { id: s.orders.pending } });
    expect(saga).toMatchObject({ status: "COMPENSATED", failure: ERASED_CUSTOMER_REASON });
    expect(saga.data).toMatchObject({ customerId: tombstoneId });
    const attempted = await h.db.serviceOrder.findUniqueOrThrow({ where: { id: s.orders.attempted } });
    expect(attempted).toMatchObject({ status: "CANCELLED", customerId: tombstoneId, description: "" });
    expect(attempted.cancelReason).toBe(ERASED_CUSTOMER_REASON);
    // Each waiting order's end went to finance (its hold released), naming the tombstone.
    const cancellations = await h.db.outboxEvent.findMany({
      where: {
        subject: { endsWith: orderCancelledV1.subject },
        aggregateId: { in: [s.orders.waiting, s.orders.attempted, s.orders.pending] },
      },
    });
    expect(
      cancellations.map((row) => (row.envelope as { payload: { customerId: string } }).payload.customerId),
    ).toEqual([tombstoneId, tombstoneId, tombstoneId]);
    // ...and no coach can grab them.
    const carlsView = await ok<{ availableOrders: { nodes: Array<{ id: string }> } }>(AVAILABLE, {}, s.carl);
    expect(ids(carlsView.availableOrders.nodes)).not.toContain(s.orders.waiting);
    const grabWaiting = await h.request(GRAB, { orderId: s.orders.waiting }, s.carl.token);
    expect(grabWaiting.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const eliteCoach = await h.coachWithProfile({ level: 5 });
    const grabAttempted = await h.request(GRAB, { orderId: s.orders.attempted }, eliteCoach.token);
    expect(grabAttempted.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      currentState: "CANCELLED",
    });

    // The erased id resolves to nothing: their orders are not theirs, the deleted ones are gone.
    const entities = await ok<{ _entities: unknown[] }>(
      ENTITIES,
      { reps: [s.orders.served, s.orders.waiting].map((id) => ({ __typename: "ServiceOrder", id })) },
      s.erin,
    );
    expect(entities._entities).toEqual([null, null]);
    const mine = await ok<{ myOrders: { nodes: unknown[] } }>(MY_ORDERS, {}, s.erin);
    expect(mine.myOrders.nodes).toEqual([]);

    // Carl's own data is untouched.
    expect(await h.db.coachProfile.findUniqueOrThrow({ where: { coachId: s.carl.id } })).toEqual(carlBefore);
    expect(await h.db.serviceOffering.count({ where: { id: s.carlsOffering } })).toBe(1);
    expect(await h.db.serviceOrder.findUniqueOrThrow({ where: { id: s.olgasOrder } })).toMatchObject({
      customerId: s.olga.id,
    });

    // A second erasure of the same person (a redelivery under a new event id) finds nothing left.
    const snapshot = await h.db.serviceOrder.findMany({ orderBy: { id: "asc" } });
    const again = await eraseThroughSubgraph(target, s.erin.id, { erasureId: erased.erasureId, tombstoneId });
    expect(again.tables.filter((table) => table.rows > 0)).toEqual([]);
    expect(await h.db.serviceOrder.findMany({ orderBy: { id: "asc" } })).toEqual(snapshot);
  });

  it("makes nothing about the erased person from late events, and still makes the others'", async () => {
    const level = (coachId: string) => ({
      coachId,
      level: 5,
      previousLevel: 4,
      sequence: 99,
      basis: { completedOrders: 9, averageRating: null, ratings: 0, verifiedCertificates: 0 },
      changedAt: new Date().toISOString(),
    });
    await deliverEvent(target, coachLevelChangedV1, level(s.erin.id));
    await deliverEvent(target, coachLevelChangedV1, level(s.carl.id));
    expect(await findTraces(h.db, [s.erin.id])).toEqual([]);
    expect(await h.db.coachLevel.findUnique({ where: { coachId: s.carl.id } })).toMatchObject({ level: 5 });
  });
});
