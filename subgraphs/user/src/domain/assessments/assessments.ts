import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import type { UserDb } from "../../db.ts";
import { type Assessment, Prisma } from "../../generated/prisma/client.ts";
import { readHealthData, readOneHealthData } from "../access/healthData.ts";
import type { HealthMetric } from "../metrics.ts";
import { pageSizeOf } from "../pagination.ts";
import { assess, checkAssessmentInput, RISK_SCORE_VERSION } from "./rules.ts";

export interface RunAssessmentCommand {
  heightCm: number;
  age: number;
  smoker: boolean;
  /** Overrides the latest WEIGHT record. */
  weightKg?: number | null;
}

/**
 * Computes BMI and the cardiovascular risk score from the input and the caller's latest weight, blood
 * pressure and glucose, and stores the result with the exact inputs that produced it.
 */
export async function runAssessment(
  db: UserDb,
  actor: Actor,
  input: RunAssessmentCommand,
  now: Date,
): Promise<Assessment> {
  checkAssessmentInput(input);
  return db.$transaction(async (tx) => {
    const latest = (metric: HealthMetric) =>
      tx.healthRecord.findFirst({
        where: { userId: actor.userId, metric },
        orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      });
    const [weight, bp, glucose] = [
      await latest("WEIGHT"),
      await latest("BLOOD_PRESSURE"),
      await latest("GLUCOSE"),
    ];
    const weightKg = input.weightKg ?? (weight ? Number(weight.value) : null);
    if (weightKg === null) {
      throw badInput(
        "input.weightKg",
        "No WEIGHT recorded yet: record one with recordHealthData or pass input.weightKg.",
      );
    }
    const facts = {
      heightCm: input.heightCm,
      weightKg,
      age: input.age,
      smoker: input.smoker,
      bloodPressure: bp?.systolic && bp.diastolic ? { systolic: bp.systolic, diastolic: bp.diastolic } : null,
      glucoseMmolL: glucose ? Number(glucose.value) : null,
    };
    const result = assess(facts);
    const inputs = {
      version: RISK_SCORE_VERSION,
      ...facts,
      sources: {
        weight: input.weightKg != null ? "input" : { recordId: weight?.id, recordedAt: weight?.recordedAt },
        bloodPressure: bp ? { recordId: bp.id, recordedAt: bp.recordedAt } : null,
        glucose: glucose ? { recordId: glucose.id, recordedAt: glucose.recordedAt } : null,
      },
      points: result.points,
      computedAt: now,
    };
    return tx.assessment.create({
      data: {
        userId: actor.userId,
        bmi: result.bmi,
        bmiCategory: result.bmiCategory,
        riskScore: result.riskScore,
        riskCategory: result.riskCategory,
        inputs: JSON.parse(JSON.stringify(inputs)) as Prisma.InputJsonObject,
        createdAt: now,
      },
    });
  });
}

/** One owner's newest assessments; a coach needs grants covering every ASSESSMENT_METRICS metric. */
export function listAssessments(
  db: UserDb,
  actor: Actor,
  ownerId: string,
  first: number | null | undefined,
  now: Date,
): Promise<Assessment[]> {
  const take = pageSizeOf(first);
  return readOneHealthData(db, actor, { ownerId, resource: "ASSESSMENTS" }, now, (tx) =>
    tx.assessment.findMany({
      where: { userId: ownerId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
    }),
  );
}

/** The newest assessment of many owners in one query (the batch behind `User.latestAssessment`). */
export function latestAssessmentsOf(db: UserDb, actor: Actor, ownerIds: readonly string[], now: Date) {
  const reads = ownerIds.map((ownerId) => ({ ownerId, resource: "ASSESSMENTS" as const }));
  return readHealthData(db, actor, reads, now, async (tx, allowed) => {
    const owners = allowed.map((a) => a.read.ownerId);
    const ids = await tx.$queryRaw<Array<{ id: string }>>(Prisma.sql`
      SELECT DISTINCT ON (user_id) id::text AS id FROM assessments
      WHERE user_id = ANY(${owners}::uuid[]) ORDER BY user_id, created_at DESC, id DESC`);
    const rows = await tx.assessment.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    return allowed.map(({ read }) => rows.find((r) => r.userId === read.ownerId) ?? null);
  });
}
