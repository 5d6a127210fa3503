import { randomUUID } from "node:crypto";
import {
  coachLevelChangedV1,
  coachProfileUpdatedV1,
  coachRatedV1,
  orderAssignedV1,
  orderCancelledV1,
  serviceCompletedV1,
} from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AiHarness, startAiSubgraph } from "./harness.ts";

// Smart matching's projections from real events on this file's streams, through the `ai-matching`
// durable consumer, and `recommendedCoaches` as the router calls it (`_entities` with the required fields).

let h: AiHarness;
let caller: { id: string; token: string };
const ace = randomUUID();
const bea = randomUUID();
const customerId = randomUUID();

function envelopeOf<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
): EventEnvelope<EventPayload<E>> {
  return {
    id: randomUUID(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: new Date().toISOString(),
    aggregateId: randomUUID(),
    actorId: null,
    traceparent: null,
    payload,
  };
}
const send = async <E extends EventDefinition>(event: E, payload: EventPayload<E>) => {
  const envelope = envelopeOf(event, payload);
  await h.publish(event, envelope);
  return envelope;
};
const profile = (coachId: string, regions: string[], updatedAt: string) =>
  send(coachProfileUpdatedV1, { coachId, specialties: ["nutrition"], regions, capacity: 3, updatedAt });
const level = (coachId: string, value: number, sequence: number) =>
  send(coachLevelChangedV1, {
    coachId,
    level: value,
    previousLevel: null,
    sequence,
    basis: { completedOrders: 0, averageRating: null, ratings: 0, verifiedCertificates: 0 },
    changedAt: new Date().toISOString(),
  });

const RANK = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on ServiceOrder { recommendedCoaches(first: 5) { rank score coach { id } parts { name value } } }
} }`;
const order = {
  __typename: "ServiceOrder",
  id: randomUUID(),
  specialty: "nutrition",
  region: "shanghai",
  minCoachLevel: 2,
  customer: { id: customerId },
};
type Ranked = {
  _entities: Array<{
    recommendedCoaches: Array<{ coach: { id: string }; parts: Array<{ name: string; value: number }> }>;
  }>;
};
const rank = async (reps: unknown[]) => h.request<Ranked>(RANK, { reps }, caller.token);
const partOf = (r: Ranked, coachId: string, name: string) =>
  r._entities[0]?.recommendedCoaches.find((c) => c.coach.id === coachId)?.parts.find((p) => p.name === name)
    ?.value;

beforeAll(async () => {
  h = await startAiSubgraph();
  caller = await h.person();
});
afterAll(async () => {
  await h?.close();
});

describe("matching projections", () => {
  it("learns profiles, levels, ratings, load and outcomes from events, in any order, each once", async () => {
    await profile(ace, ["shanghai"], "2026-01-02T00:00:00.000Z");
    await profile(bea, ["shanghai"], "2026-01-02T00:00:00.000Z");
    // An older profile arriving late changes nothing; a lower sequence neither.
    await profile(ace, ["beijing"], "2026-01-01T00:00:00.000Z");
    await level(ace, 4, 2);
    await level(ace, 1, 1);
    await level(bea, 3, 1);
    const rating = await send(coachRatedV1, {
      ratingId: randomUUID(),
      orderId: randomUUID(),
      coachId: ace,
      customerId,
      score: 5,
      ratedAt: new Date().toISOString(),
    });
    // Redelivered under another message id (past JetStream's dedupe): the inbox keeps it to one effect.
    await h.publish(coachRatedV1, rating, randomUUID());
    // Bea: one order completed before its order_assigned arrived, one held, one cancelled after assignment.
    const done = randomUUID();
    const at = new Date().toISOString();
    await send(serviceCompletedV1, {
      orderId: done,
      userId: customerId,
      healthWorkerId: bea,
      completionTime: at,
      rating: null,
      priceAmount: 100,
      currency: "CNY",
    });
    await send(orderAssignedV1, { orderId: done, customerId, coachId: bea, assignedAt: at });
    await send(orderAssignedV1, { orderId: randomUUID(), customerId, coachId: bea, assignedAt: at });
    const dropped = randomUUID();
    await send(orderAssignedV1, { orderId: dropped, customerId, coachId: bea, assignedAt: at });
    await send(orderCancelledV1, {
      orderId: dropped,
      customerId,
      status: "CANCELLED",
      reason: "changed plans",
      cancelledAt: at,
    });

    await eventually(
      () => h.db.inboxEvent.count({ where: { consumer: "ai-matching" } }),
      (n) => n === 12,
      20_000,
    );
    expect(await h.db.matchingCoachProfile.findUnique({ where: { coachId: ace } })).toMatchObject({
      regions: ["shanghai"],
    });
    expect(await h.db.matchingCoachLevel.findUnique({ where: { coachId: ace } })).toMatchObject({
      level: 4,
      sequence: 2,
    });
    expect(await h.db.matchingRating.count({ where: { coachId: ace } })).toBe(1);
    expect(await h.db.matchingOrder.findUnique({ where: { orderId: done } })).toMatchObject({
      status: "COMPLETED",
    });
    expect(await h.db.matchingOrder.findUnique({ where: { orderId: dropped } })).toMatchObject({
      status: "CANCELLED",
      coachId: bea,
    });

    const ranked = await rank([order]);
    expect(ranked.errors).toBeUndefined();
    const data = ranked.data as Ranked;
    expect(data._entities[0]?.recommendedCoaches.map((c) => c.coach.id)).toEqual([ace, bea]);
    expect(partOf(data, bea, "load")).toBeCloseTo(1 - 1 / 3, 12);
    // 1 completed, 1 cancelled → (1 + 1)/(2 + 2).
    expect(partOf(data, bea, "outcomes")).toBe(0.5);
    // One rating of 5: (3.5·5 + 5)/6 = 3.75 → (3.75 − 1)/4.
    expect(partOf(data, ace, "rating")).toBeCloseTo(2.75 / 4, 12);
  });

  it("refuses to rank an order whose fields the router could not read for the caller", async () => {
    const res = await rank([{ __typename: "ServiceOrder", id: randomUUID() }]);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.errors?.[0]?.message).toMatch(/may not see service order/);
  });

  it("refuses a first out of range with BAD_USER_INPUT", async () => {
    const res = await h.request(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ServiceOrder { recommendedCoaches(first: 0) { rank } } } }`,
      { reps: [order] },
      caller.token,
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });
});

describe("healthInsights from user's source", () => {
  const INSIGHTS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
    ... on User { healthInsights(metric: WEIGHT, days: 30) { trend { slopePerDay intercept } movingAverages { n mean } } }
  } }`;
  const now = new Date();
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
  const source = (allowed: boolean) => ({
    generatedAt: now.toISOString(),
    days: 90,
    metrics: [
      {
        metric: "WEIGHT",
        unit: "kg",
        allowed,
        refusal: allowed
          ? null
          : "You may not read health records (WEIGHT): the owner has not allowed AI analysis of WEIGHT.",
        readings: allowed
          ? [
              { at: daysAgo(2.5), value: 81 },
              { at: daysAgo(1.5), value: 80 },
            ]
          : [],
        goal: null,
      },
    ],
  });

  it("computes from the readings user handed over (dates as JSON strings)", async () => {
    const res = await h.request<{
      _entities: Array<{ healthInsights: { trend: { slopePerDay: number; intercept: number } } }>;
    }>(
      INSIGHTS,
      { reps: [{ __typename: "User", id: caller.id, insightSource: source(true) }] },
      caller.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities[0]?.healthInsights.trend).toEqual({ slopePerDay: -1, intercept: 81 });
  });

  it("answers FORBIDDEN with user's reason for a refused metric, and without any source", async () => {
    const refused = await h.request(
      INSIGHTS,
      { reps: [{ __typename: "User", id: caller.id, insightSource: source(false) }] },
      caller.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(refused.errors?.[0]?.message).toMatch(/has not allowed AI analysis of WEIGHT/);
    const missing = await h.request(
      INSIGHTS,
      { reps: [{ __typename: "User", id: caller.id }] },
      caller.token,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
