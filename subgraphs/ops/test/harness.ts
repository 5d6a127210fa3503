import { randomUUID } from "node:crypto";
import { orderAssignedV1, serviceCompletedV1 } from "@health/events/catalog";
import { loadConfig } from "@health/platform/config";
import { prepareEvent } from "@health/platform/events";
import { eventually, startSubgraphHarness } from "@health/platform/testing";
import { opsConfigSchema } from "../src/config.ts";
import { connectOps } from "../src/connect.ts";
import type { JsonValue } from "../src/domain/audit/canonical.ts";
import { storedIdsOf, withUserIds } from "../src/domain/audit/pseudonyms.ts";
import { opsSubgraph } from "../src/subgraph.ts";

/**
 * The ops subgraph on a free port over its own fresh database, with a real token issuer, and its
 * outbox relay publishing to streams of its own (a random prefix, deleted at close).
 */
export async function startOpsSubgraph(env: Record<string, string> = {}) {
  const harness = await startSubgraphHarness({
    definition: opsSubgraph,
    loadConfig: (vars) => loadConfig(opsConfigSchema, vars),
    connect: connectOps,
    env,
  });

  /** trade's order_assigned for an order, published on this file's streams as trade's relay would. */
  const assignOrder = async (order: { orderId: string; customerId: string; coachId: string }) => {
    const { envelope } = prepareEvent(
      orderAssignedV1,
      { ...order, assignedAt: new Date().toISOString() },
      { aggregateId: order.orderId },
    );
    await harness.publish(orderAssignedV1, envelope);
    return envelope;
  };

  /** trade's service_completed for an order; the envelope, to publish it again. */
  const completeOrder = async (order: { orderId: string; customerId: string; coachId: string }) => {
    const { envelope } = prepareEvent(
      serviceCompletedV1,
      {
        orderId: order.orderId,
        userId: order.customerId,
        healthWorkerId: order.coachId,
        completionTime: new Date().toISOString(),
        rating: null,
        priceAmount: 19_900,
        currency: "CNY",
      },
      { aggregateId: order.orderId },
    );
    await harness.publish(serviceCompletedV1, envelope);
    return envelope;
  };

  /** An order of `customerId` with `coachId`, completed as trade tells it; waits until ops recorded it. */
  const completedOrder = async (customerId: string, coachId: string) => {
    const order = { orderId: randomUUID(), customerId, coachId };
    await assignOrder(order);
    await completeOrder(order);
    await eventually(
      () => harness.deps.db.coachOrder.findUnique({ where: { orderId: order.orderId } }),
      (row) => row?.completedAt != null,
    );
    return order;
  };

  /**
   * The audit log's admin and operator rows about `subjectId` (events left out), oldest first, with user
   * ids as `auditLog` shows them (the rows store pseudonyms).
   */
  const auditedActions = async (subjectId: string) => {
    const stored = await harness.deps.db.auditLogEntry.findMany({
      where: { subjectId: { in: await storedIdsOf(harness.deps.db, subjectId) }, kind: { not: "EVENT" } },
      orderBy: { sequence: "asc" },
      select: { kind: true, actorId: true, subjectType: true, subjectId: true, action: true, details: true },
    });
    const rows = await withUserIds(
      harness.deps.db,
      stored.map((row) => ({ ...row, details: row.details as JsonValue })),
    );
    return rows.map(({ subjectId: _subject, ...row }) => row);
  };

  return { ...harness, db: harness.deps.db, assignOrder, completeOrder, completedOrder, auditedActions };
}

export type OpsHarness = Awaited<ReturnType<typeof startOpsSubgraph>>;

/** Small thresholds (one completed order, one rating of 4+ and a verified certificate reach level 2). */
export const SMALL_LEVEL_THRESHOLDS = JSON.stringify([
  { level: 2, completedOrders: 1, minRatings: 1, minAverage: 4, verifiedCertificates: 1 },
  { level: 3, completedOrders: 2, minRatings: 2, minAverage: 4, verifiedCertificates: 1 },
  { level: 4, completedOrders: 3, minRatings: 3, minAverage: 4.5, verifiedCertificates: 2 },
  { level: 5, completedOrders: 4, minRatings: 4, minAverage: 4.5, verifiedCertificates: 3 },
]);

export const RATE = `mutation Rate($orderId: ID!, $score: Int!, $comment: String) {
  rateCoach(orderId: $orderId, score: $score, comment: $comment) { id score comment rater { id } orderId }
}`;
export const COACH_RATING = `query Rating($coachId: ID!, $first: Int, $after: String) {
  coachRating(coachId: $coachId) {
    count scoreTotal average distribution { score count }
    level { level sequence changedAt basis { completedOrders ratings averageRating verifiedCertificates } }
    ratings(first: $first, after: $after) {
      nodes { score comment rater { id } orderId } pageInfo { endCursor hasNextPage }
    }
  }
}`;
export const SUBMIT_CERTIFICATE = `mutation Submit($input: SubmitCertificateInput!) {
  submitCertificate(input: $input) { id status coach { id } }
}`;
export const VERIFY_CERTIFICATE = `mutation Verify($id: ID!) {
  verifyCertificate(id: $id) { id status reviewedBy { id } reviewedAt }
}`;
export const REJECT_CERTIFICATE = `mutation Reject($id: ID!, $reason: String!) {
  rejectCertificate(id: $id, reason: $reason) { id status rejectionReason reviewedBy { id } }
}`;
export const MY_CERTIFICATES = `query Mine { myCertificates { nodes { id status name } } }`;
export const PENDING_CERTIFICATES = `query Pending { pendingCertificates { nodes { id coach { id } } } }`;
