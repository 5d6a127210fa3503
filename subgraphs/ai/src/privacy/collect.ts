import type { SqlExecutor } from "@health/platform/events";
import type { ExportSections } from "@health/platform/privacy";
import type { AiTx } from "../db.ts";

// The consumer's transaction is a full Prisma transaction client, typed by the mechanism as raw SQL only.
const asTx = (tx: SqlExecutor): AiTx => tx as unknown as AiTx;

/** The person's generation tasks: what they asked for (the input the prompt is built from) and what came back. */
async function generationTasks(tx: AiTx, userId: string) {
  const tasks = await tx.generationTask.findMany({
    where: { ownerId: userId },
    orderBy: { createdAt: "asc" },
  });
  return tasks.map((task) => ({
    id: task.id,
    kind: task.kind,
    input: task.input,
    promptVersion: task.promptVersion,
    status: task.status,
    attempts: task.attempts,
    output: task.output,
    lastError: task.lastError,
    provider: task.provider,
    model: task.model,
    idempotencyKey: task.idempotencyKey,
    createdAt: task.createdAt,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
  }));
}

/** The risk model's view of the person: its latest score with its explanation, and what it observed. */
async function risk(tx: AiTx, userId: string) {
  const [scores, observations] = await Promise.all([
    tx.riskScore.findMany({ where: { userId } }),
    tx.riskObservation.findMany({ where: { userId }, orderBy: { occurredAt: "asc" } }),
  ]);
  return {
    riskScores: scores.map((s) => ({
      score: s.score,
      band: s.band,
      features: s.features,
      model: s.model,
      scoredAt: s.scoredAt,
      announcedBand: s.publishedBand,
    })),
    riskObservations: observations.map((o) => ({
      eventId: o.eventId,
      kind: o.kind,
      amount: o.amount,
      occurredAt: o.occurredAt,
    })),
  };
}

/** What smart matching knows of the person as a coach: profile, level, ratings received, orders served. */
async function matching(tx: AiTx, coachId: string) {
  const [profiles, levels, ratings, orders] = await Promise.all([
    tx.matchingCoachProfile.findMany({ where: { coachId } }),
    tx.matchingCoachLevel.findMany({ where: { coachId } }),
    tx.matchingRating.findMany({ where: { coachId }, orderBy: { ratingId: "asc" } }),
    tx.matchingOrder.findMany({ where: { coachId }, orderBy: { updatedAt: "asc" } }),
  ]);
  return {
    coachMatchingProfiles: profiles.map((p) => ({
      specialties: p.specialties,
      regions: p.regions,
      capacity: p.capacity,
      updatedAt: p.updatedAt,
    })),
    coachLevels: levels.map((l) => ({ level: l.level })),
    ratingsReceived: ratings.map((r) => ({ ratingId: r.ratingId, score: r.score })),
    ordersServed: orders.map((o) => ({ orderId: o.orderId, status: o.status, updatedAt: o.updatedAt })),
  };
}

/** Titles of the person's published courses and articles that the local provider may quote. */
async function publishedContent(tx: AiTx, authorId: string) {
  const rows = await tx.publishedContent.findMany({ where: { authorId }, orderBy: { publishedAt: "asc" } });
  return rows.map((c) => ({
    contentId: c.contentId,
    kind: c.kind,
    title: c.title,
    publishedAt: c.publishedAt,
  }));
}

/**
 * Everything ai holds about `userId`, in one snapshot (the consumer's transaction). Health insights are
 * computed on request and never stored, so no section holds them; the AI consent is user's.
 */
export async function collectAi(sql: SqlExecutor, userId: string): Promise<ExportSections> {
  const tx = asTx(sql);
  return {
    generationTasks: await generationTasks(tx, userId),
    ...(await risk(tx, userId)),
    ...(await matching(tx, userId)),
    publishedContent: await publishedContent(tx, userId),
  };
}
