import { randomUUID } from "node:crypto";
import { coachLevelChangedV1, coachRatedV1, serviceCompletedV1 } from "@health/events/catalog";
import { eventually } from "@health/platform/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COACH_RATING,
  MY_CERTIFICATES,
  type OpsHarness,
  PENDING_CERTIFICATES,
  RATE,
  REJECT_CERTIFICATE,
  SMALL_LEVEL_THRESHOLDS,
  SUBMIT_CERTIFICATE,
  startOpsSubgraph,
  VERIFY_CERTIFICATE,
} from "./harness.ts";

// M05 against a real database and bus: trade's order events in, ratings and certificates through the
// API, and the coach's level recomputed and published (coach_level_changed) exactly once per change.

let h: OpsHarness;
beforeAll(async () => {
  h = await startOpsSubgraph({ OPS_LEVEL_THRESHOLDS: SMALL_LEVEL_THRESHOLDS });
});
afterAll(() => h?.close());

type Person = Awaited<ReturnType<OpsHarness["person"]>>;

const code = (result: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  result.errors?.[0]?.extensions?.code;

/** The coach_level_changed payloads in the outbox for `coachId`, in sequence order. */
const levelEvents = async (coachId: string) => {
  const rows = await h.db.outboxEvent.findMany({
    where: { subject: coachLevelChangedV1.subject, aggregateId: coachId },
    orderBy: { createdAt: "asc" },
  });
  return rows
    .map(
      (row) =>
        (row.envelope as { payload: { level: number; previousLevel: number | null; sequence: number } })
          .payload,
    )
    .sort((a, b) => a.sequence - b.sequence);
};

/** An order of `customer` with `coach`, completed as trade tells it; waits until ops recorded it. */
const completedOrder = (customer: Person, coach: Person) => h.completedOrder(customer.id, coach.id);

/** A certificate `coach` submitted and `admin` verified. */
const verifiedCertificate = async (coach: Person, admin: Person) => {
  const submitted = await h.request<{ submitCertificate: { id: string } }>(
    SUBMIT_CERTIFICATE,
    { input: { name: "Registered Dietitian", issuer: "CDA", number: "RD-1" } },
    coach.token,
  );
  const id = submitted.data!.submitCertificate.id;
  const verified = await h.request(VERIFY_CERTIFICATE, { id }, admin.token);
  expect(verified.errors).toBeUndefined();
  return id;
};

describe("rateCoach", () => {
  it("lets the customer of a completed order rate its coach once, with coach_rated in the outbox", async () => {
    const [customer, coach] = [await h.person(), await h.person(["coach"])];
    const order = await completedOrder(customer, coach);
    const rated = await h.request<{ rateCoach: { score: number; comment: string; rater: { id: string } } }>(
      RATE,
      { orderId: order.orderId, score: 4, comment: "  Clear plan, kind coach.  " },
      customer.token,
    );
    expect(rated.errors).toBeUndefined();
    expect(rated.data?.rateCoach).toMatchObject({
      score: 4,
      comment: "Clear plan, kind coach.",
      rater: { id: customer.id },
    });

    const again = await h.request(RATE, { orderId: order.orderId, score: 5 }, customer.token);
    expect(code(again)).toBe("CONFLICT");
    expect(again.errors?.[0]?.message).toMatch(/once/);
    expect(await h.db.coachRating.count({ where: { orderId: order.orderId } })).toBe(1);
    const events = await h.db.outboxEvent.findMany({
      where: { subject: coachRatedV1.subject, aggregateId: coach.id },
    });
    expect(events.map((row) => (row.envelope as { payload: unknown }).payload)).toEqual([
      expect.objectContaining({
        orderId: order.orderId,
        coachId: coach.id,
        customerId: customer.id,
        score: 4,
      }),
    ]);
  });

  it("refuses someone else's order as it refuses an unknown one, and an order not completed yet with CONFLICT", async () => {
    const [customer, coach, stranger] = [await h.person(), await h.person(["coach"]), await h.person()];
    const order = await completedOrder(customer, coach);
    const byStranger = await h.request(RATE, { orderId: order.orderId, score: 1 }, stranger.token);
    const unknown = await h.request(RATE, { orderId: randomUUID(), score: 1 }, stranger.token);
    expect(code(byStranger)).toBe("NOT_FOUND");
    expect(code(unknown)).toBe("NOT_FOUND");
    // The coach of the order is not its customer either.
    expect(code(await h.request(RATE, { orderId: order.orderId, score: 5 }, coach.token))).toBe("NOT_FOUND");

    const pending = { orderId: randomUUID(), customerId: customer.id, coachId: coach.id };
    await h.assignOrder(pending);
    await eventually(() => h.db.coachOrder.findUnique({ where: { orderId: pending.orderId } }), Boolean);
    const early = await h.request(RATE, { orderId: pending.orderId, score: 5 }, customer.token);
    expect(code(early)).toBe("CONFLICT");
    expect(early.errors?.[0]?.message).toMatch(/not completed yet/);

    const bad = await h.request(RATE, { orderId: order.orderId, score: 9, comment: "x" }, customer.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "score" });
    expect(await h.db.coachRating.count({ where: { coachId: coach.id } })).toBe(0);
  });
});

describe("certificates", () => {
  it("are verified by an admin other than the coach, with who and when, and listed to their coach and admins only", async () => {
    const [coach, admin] = [await h.person(["coach", "admin"]), await h.person(["user", "admin"])];
    const other = await h.person(["coach"]);
    const submitted = await h.request<{ submitCertificate: { id: string; status: string } }>(
      SUBMIT_CERTIFICATE,
      { input: { name: " Sports Nutrition ", issuer: "ISSN", url: "https://issn.example/cert/7" } },
      coach.token,
    );
    const id = submitted.data!.submitCertificate.id;
    expect(submitted.data?.submitCertificate.status).toBe("PENDING");

    const own = await h.request(VERIFY_CERTIFICATE, { id }, coach.token);
    expect(code(own)).toBe("FORBIDDEN");
    expect(code(await h.request(VERIFY_CERTIFICATE, { id }, other.token))).toBe("FORBIDDEN");
    expect(code(await h.request(PENDING_CERTIFICATES, {}, other.token))).toBe("FORBIDDEN");
    const others = await h.request<{ myCertificates: { nodes: unknown[] } }>(
      MY_CERTIFICATES,
      {},
      other.token,
    );
    expect(others.data?.myCertificates.nodes).toEqual([]);

    const pending = await h.request<{ pendingCertificates: { nodes: Array<{ id: string }> } }>(
      PENDING_CERTIFICATES,
      {},
      admin.token,
    );
    expect(pending.data?.pendingCertificates.nodes.map((node) => node.id)).toContain(id);
    const verified = await h.request<{ verifyCertificate: { status: string; reviewedBy: { id: string } } }>(
      VERIFY_CERTIFICATE,
      { id },
      admin.token,
    );
    expect(verified.data?.verifyCertificate).toMatchObject({
      status: "VERIFIED",
      reviewedBy: { id: admin.id },
    });
    expect(code(await h.request(REJECT_CERTIFICATE, { id, reason: "late" }, admin.token))).toBe("CONFLICT");
    // The verification is in the audit log; the refused attempts (the coach's own, the late rejection) are not.
    expect(await h.auditedActions(id)).toEqual([
      {
        kind: "ADMIN_ACTION",
        actorId: admin.id,
        subjectType: "CoachCertificate",
        action: "verify_certificate",
        details: { coachId: coach.id },
      },
    ]);
    const mine = await h.request<{ myCertificates: { nodes: Array<{ name: string; status: string }> } }>(
      MY_CERTIFICATES,
      {},
      coach.token,
    );
    expect(mine.data?.myCertificates.nodes).toEqual([{ id, name: "Sports Nutrition", status: "VERIFIED" }]);
  });

  it("a rejection is in the audit log with its reason; a rejection refused for bad input leaves no row", async () => {
    const [coach, admin] = [await h.person(["coach"]), await h.person(["admin"])];
    const submitted = await h.request<{ submitCertificate: { id: string } }>(
      SUBMIT_CERTIFICATE,
      { input: { name: "Yoga Alliance RYT", issuer: "Yoga Alliance", number: "RYT-9" } },
      coach.token,
    );
    const id = submitted.data!.submitCertificate.id;
    expect(code(await h.request(REJECT_CERTIFICATE, { id, reason: "  " }, admin.token))).toBe(
      "BAD_USER_INPUT",
    );
    expect(await h.auditedActions(id)).toEqual([]);
    const rejected = await h.request(
      REJECT_CERTIFICATE,
      { id, reason: "Number unknown to the issuer." },
      admin.token,
    );
    expect(rejected.errors).toBeUndefined();
    expect(await h.auditedActions(id)).toEqual([
      {
        kind: "ADMIN_ACTION",
        actorId: admin.id,
        subjectType: "CoachCertificate",
        action: "reject_certificate",
        details: { coachId: coach.id, reason: "Number unknown to the issuer." },
      },
    ]);
  });
});

describe("levels", () => {
  it("are recomputed with each input and published once per change, in sequence, and a bad rating lowers one", async () => {
    const [coach, admin] = [await h.person(["coach"]), await h.person(["user", "admin"])];
    const first = await h.person();
    const order1 = await completedOrder(first, coach);
    // The first computed level is published even at 1: it replaces what an admin once set in trade.
    expect(await levelEvents(coach.id)).toEqual([
      expect.objectContaining({ level: 1, previousLevel: null, sequence: 1 }),
    ]);

    await h.request(RATE, { orderId: order1.orderId, score: 5 }, first.token);
    expect(await levelEvents(coach.id)).toHaveLength(1);
    await verifiedCertificate(coach, admin);
    expect(await levelEvents(coach.id)).toEqual([
      expect.objectContaining({ level: 1, sequence: 1 }),
      expect.objectContaining({ level: 2, previousLevel: 1, sequence: 2 }),
    ]);

    const second = await h.person();
    const order2 = await completedOrder(second, coach);
    await h.request(RATE, { orderId: order2.orderId, score: 1, comment: "Never showed up." }, second.token);
    // 6 / 2 = 3.0, under level 2's 4.0: back to 1.
    const events = await levelEvents(coach.id);
    expect(events.at(-1)).toMatchObject({ level: 1, previousLevel: 2, sequence: 3 });
    expect(events).toHaveLength(3);

    const rating = await h.request<{
      coachRating: {
        count: number;
        average: number;
        distribution: Array<{ score: number; count: number }>;
        level: { level: number; sequence: number; basis: Record<string, number> };
        ratings: { nodes: Array<{ comment: string; rater: { id: string } | null; orderId: string | null }> };
      };
    }>(COACH_RATING, { coachId: coach.id }, first.token);
    expect(rating.data?.coachRating).toMatchObject({
      count: 2,
      average: 3,
      level: {
        level: 1,
        sequence: 3,
        basis: { completedOrders: 2, ratings: 2, averageRating: 3, verifiedCertificates: 1 },
      },
    });
    expect(rating.data?.coachRating.distribution).toEqual([
      { score: 1, count: 1 },
      { score: 2, count: 0 },
      { score: 3, count: 0 },
      { score: 4, count: 0 },
      { score: 5, count: 1 },
    ]);
    // A reader who is not the coach, an admin or the rater sees the comments but not who wrote them.
    expect(rating.data?.coachRating.ratings.nodes).toEqual([
      { score: 1, comment: "Never showed up.", rater: null, orderId: null },
      { score: 5, comment: "", rater: { id: first.id }, orderId: order1.orderId },
    ]);
    const byCoach = await h.request<{
      coachRating: { ratings: { nodes: Array<{ rater: { id: string } }> } };
    }>(COACH_RATING, { coachId: coach.id }, coach.token);
    expect(byCoach.data?.coachRating.ratings.nodes.map((node) => node.rater.id)).toEqual([
      second.id,
      first.id,
    ]);
  });

  it("counts a redelivered or repeated service_completed once", async () => {
    const [customer, coach] = [await h.person(), await h.person(["coach"])];
    const order = { orderId: randomUUID(), customerId: customer.id, coachId: coach.id };
    const envelope = await h.completeOrder(order);
    await eventually(() => h.db.coachOrder.findUnique({ where: { orderId: order.orderId } }), Boolean);
    // The same event again under another message id (past JetStream's dedupe: the inbox stops it), then
    // another service_completed of the same order (a new event id: the table stops it).
    await h.publish(serviceCompletedV1, envelope, randomUUID());
    await h.completeOrder(order);
    // Events of one order are handled in order: once this order_assigned shows, both were handled.
    await h.assignOrder(order);
    await eventually(
      () => h.db.coachOrder.findUnique({ where: { orderId: order.orderId } }),
      (row) => row?.assignedAt != null,
    );
    expect(await h.db.coachOrder.count({ where: { coachId: coach.id, completedAt: { not: null } } })).toBe(1);
    const rating = await h.request<{ coachRating: { level: { basis: { completedOrders: number } } } }>(
      COACH_RATING,
      { coachId: coach.id },
      coach.token,
    );
    expect(rating.data?.coachRating.level.basis.completedOrders).toBe(1);
    expect(await levelEvents(coach.id)).toHaveLength(1);
  });
});
