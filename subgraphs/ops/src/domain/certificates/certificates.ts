import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page } from "@health/platform/pagination";
import type { OpsDb } from "../../db.ts";
import type { CoachCertificate } from "../../generated/prisma/client.ts";
import { appendAudit } from "../audit/append.ts";
import { recomputeLevel } from "../levels/levels.ts";
import type { LevelThreshold } from "../levels/rules.ts";
import {
  type CertificateDecision,
  decideReview,
  parseCertificate,
  parseReason,
  type SubmitCertificateCommand,
} from "./rules.ts";

const CERTIFICATE_PAGES = { defaultSize: 20, maxSize: 100 };

/** A coach submits a certificate for an admin to verify; it counts for the level once verified. */
export function submitCertificate(
  db: OpsDb,
  actor: Actor,
  input: SubmitCertificateCommand,
  now: Date,
): Promise<CoachCertificate> {
  const certificate = parseCertificate(input);
  return db.coachCertificate.create({
    data: { id: randomUUID(), coachId: actor.userId, ...certificate, createdAt: now },
  });
}

/**
 * An admin other than the coach verifies or rejects a pending certificate, with who and when; the
 * coach's level is recomputed in the same transaction. The row is locked, so two admins deciding at
 * once decide it once (the second is CONFLICT). The decision is recorded in the audit log (ADMIN_ACTION)
 * as the transaction's last write.
 */
export async function reviewCertificate(
  db: OpsDb,
  reviewer: Actor,
  certificateId: string,
  decision: { status: CertificateDecision; reason?: string },
  thresholds: readonly LevelThreshold[],
  now: Date,
): Promise<CoachCertificate> {
  const id = uuidArg(certificateId, "id");
  const reason = decision.status === "REJECTED" ? parseReason(decision.reason ?? "") : null;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<Array<{ id: string; coachId: string; status: string }>>`
      SELECT id::text AS id, coach_id::text AS "coachId", status::text AS status
        FROM coach_certificates WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound("Certificate", certificateId);
    decideReview(locked, reviewer);
    const reviewed = await tx.coachCertificate.update({
      where: { id },
      data: {
        status: decision.status,
        reviewedBy: reviewer.userId,
        reviewedAt: now,
        rejectionReason: reason,
      },
    });
    await recomputeLevel(tx, reviewed.coachId, thresholds, now);
    await appendAudit(tx, {
      kind: "ADMIN_ACTION",
      actorId: reviewer.userId,
      subjectType: "CoachCertificate",
      subjectId: id,
      action: decision.status === "REJECTED" ? "reject_certificate" : "verify_certificate",
      details: { coachId: reviewed.coachId, ...(reason ? { reason } : {}) },
    });
    return reviewed;
  });
}

/** The calling coach's certificates, newest first. */
export const myCertificates = (
  db: OpsDb,
  actor: Actor,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CoachCertificate>> =>
  newestFirstPage(args, CERTIFICATE_PAGES, ({ after, orderBy, take }) =>
    db.coachCertificate.findMany({ where: { coachId: actor.userId, ...after }, orderBy, take }),
  );

/** Certificates waiting for an admin (admins only, by the resolver), newest first. */
export const pendingCertificates = (
  db: OpsDb,
  args: { first?: number | null; after?: string | null },
): Promise<Page<CoachCertificate>> =>
  newestFirstPage(args, CERTIFICATE_PAGES, ({ after, orderBy, take }) =>
    db.coachCertificate.findMany({ where: { status: "PENDING", ...after }, orderBy, take }),
  );
