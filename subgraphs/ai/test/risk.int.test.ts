import { randomUUID } from "node:crypto";
import { contentPublishedV1, grabAttemptedV1, paymentFailedV1, riskScoredV1 } from "@health/events/catalog";
import type { EventDefinition, EventPayload } from "@health/events/define";
import type { EventEnvelope } from "@health/events/envelope";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AiHarness, startAiSubgraph } from "./harness.ts";

let ai: AiHarness;
beforeAll(async () => {
  ai = await startAiSubgraph();
});
afterAll(() => ai?.close());

function envelope<E extends EventDefinition>(
  event: E,
  payload: EventPayload<E>,
  aggregateId: string,
): EventEnvelope<EventPayload<E>> {
  return {
    id: randomUUID(),
    name: event.name,
    version: event.version,
    producer: event.producer,
    occurredAt: new Date().toISOString(),
    aggregateId,
    actorId: null,
    traceparent: null,
    payload,
  } as EventEnvelope<EventPayload<E>>;
}

const grab = (coachId: string, at: Date, outcome: "WON" | "LOST" | "REFUSED" = "LOST") =>
  envelope(
    grabAttemptedV1,
    { orderId: randomUUID(), coachId, outcome, attemptedAt: at.toISOString() },
    coachId,
  );

const announcements = (userId: string) =>
  ai.db.outboxEvent.findMany({
    where: { subject: riskScoredV1.subject, aggregateId: userId },
    orderBy: { createdAt: "asc" },
  });

describe("risk prediction (consumer ai-risk)", () => {
  it("scores a burst of grab attempts HIGH, explains it, and announces each band once under redelivery", async () => {
    const coachId = randomUUID();
    const start = Date.now();
    const burst = Array.from({ length: 20 }, (_, i) => grab(coachId, new Date(start + i * 100)));
    for (const event of burst) await ai.publish(grabAttemptedV1, event);
    // Every event again, under new message ids (a producer that re-sent them): the inbox drops them.
    for (const event of burst) await ai.publish(grabAttemptedV1, event, randomUUID());

    const score = await eventually(
      () => ai.db.riskObservation.count({ where: { userId: coachId } }),
      (count) => count === 20,
    );
    expect(score).toBe(20);
    const row = await eventually(
      () => ai.db.riskScore.findUnique({ where: { userId: coachId } }),
      (r) => r?.band === "HIGH",
    );
    expect(row).toMatchObject({ band: "HIGH", model: "risk-logistic@1" });
    const features = row?.features as Array<{ name: string; value: number; contribution: number }>;
    expect(features.find((f) => f.name === "grab_attempts_per_minute")).toMatchObject({
      value: 20,
      contribution: 8.55,
    });

    const sent = await announcements(coachId);
    // LOW → MEDIUM → HIGH as the burst grew: one risk_scored per band crossed, never per event.
    const scores = sent.map((r) => (r.envelope as { payload: { score: number } }).payload.score);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    expect(sent.length).toBeLessThanOrEqual(2);
    // The announcement is the score that crossed into HIGH; later ones inside HIGH are not news.
    expect(scores.at(-1)).toBeGreaterThanOrEqual(70);
    expect(scores.at(-1)).toBeLessThanOrEqual(row?.score ?? 0);
    expect(
      riskScoredV1.payload.safeParse((sent.at(-1)?.envelope as { payload?: unknown } | undefined)?.payload)
        .success,
    ).toBe(true);
  });

  it("answers riskScore to an admin only, with the features that drove it", async () => {
    const payerId = randomUUID();
    await ai.publish(
      paymentFailedV1,
      envelope(
        paymentFailedV1,
        {
          paymentId: randomUUID(),
          requestId: randomUUID(),
          requester: "trade",
          payerId,
          reason: "declined",
          failedAt: new Date().toISOString(),
        },
        payerId,
      ),
    );
    await eventually(
      () => ai.db.riskScore.findUnique({ where: { userId: payerId } }),
      (r) => r !== null,
    );
    const query = `query ($id: ID!) { riskScore(userId: $id) { userId score band model features { name value contribution } } }`;
    const admin = await ai.person(["user", "admin"]);
    const { data } = await ai.request<{
      riskScore: { score: number; features: Array<{ name: string; value: number }> };
    }>(query, { id: payerId }, admin.token);
    expect(data?.riskScore.features.find((f) => f.name === "failed_payments_24h")?.value).toBe(1);
    // One failed payment: 100·σ(−4 − 0.45 + 0 + 0 + 0.9·(1 − 0.2) − 0.133) ≈ 2.
    expect(data?.riskScore.score).toBe(Math.round(100 / (1 + Math.exp(-(-4 - 0.45 + 0.72 - 0.133)))));
    const coach = await ai.person(["coach"]);
    const refused = await ai.request(query, { id: payerId }, coach.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await announcements(payerId)).toEqual([]);
  });
});

describe("what the local provider learns (consumer ai-content)", () => {
  it("keeps course and article titles, not lessons", async () => {
    const course = randomUUID();
    const lesson = randomUUID();
    const authorId = randomUUID();
    for (const [contentId, kind] of [
      [course, "COURSE"],
      [lesson, "LESSON"],
    ] as const) {
      await ai.publish(
        contentPublishedV1,
        envelope(
          contentPublishedV1,
          { contentId, authorId, kind, title: `${kind} title`, publishedAt: new Date().toISOString() },
          contentId,
        ),
      );
    }
    const rows = await eventually(
      () => ai.db.publishedContent.findMany({ where: { authorId } }),
      (r) => r.length > 0,
    );
    expect(rows.map((r) => r.contentId)).toEqual([course]);
    const handled = await eventually(
      () => ai.db.inboxEvent.count({ where: { consumer: "ai-content" } }),
      (count) => count === 2,
    );
    expect(handled).toBe(2);
    expect(await ai.db.publishedContent.count({ where: { authorId } })).toBe(1);
  });
});
