import type { Actor } from "@health/platform/auth";
import { conflict, forbidden, notFound, unauthenticated } from "@health/platform/errors";
import { decodeCursor, keysetAfter, type Page, pageSize, toPage } from "@health/platform/pagination";
import { isUniqueViolation } from "@health/platform/prisma";
import type { AuthDb, AuthTx } from "../db.ts";
import type {
  CoachApplication,
  CoachApplicationStatus,
  CoachCertificate,
} from "../generated/prisma/client.ts";
import { assertUserId } from "./accounts.ts";
import { publishAuthAdminAction } from "./authEvents.ts";
import {
  type CoachApplicationInput,
  parseRejectionReason,
  validateCoachApplication,
} from "./coachApplicationInput.ts";

export type CoachApplicationRecord = CoachApplication & { certificates: CoachCertificate[] };

const withCertificates = { certificates: { orderBy: { position: "asc" } } } as const;

/**
 * A signed-in user asks to coach. One pending application per account: the partial unique index
 * decides between concurrent calls, and the loser gets CONFLICT.
 */
export async function applyAsCoach(
  db: AuthDb,
  actor: Actor,
  input: CoachApplicationInput,
): Promise<CoachApplicationRecord> {
  const valid = validateCoachApplication(input);
  // The database's roles, not the token's: a token issued before an approval still says "user".
  const account = await db.account.findUnique({ where: { id: actor.userId }, select: { roles: true } });
  if (!account) throw unauthenticated("The account behind this token no longer exists.");
  if (account.roles.includes("coach"))
    throw conflict("You are already a coach; set your matching rules with setCoachProfile.", {
      reason: "ALREADY_COACH",
    });
  try {
    return await db.coachApplication.create({
      data: {
        accountId: actor.userId,
        specialties: valid.specialties,
        regions: valid.regions,
        certificates: {
          create: valid.certificates.map((certificate, position) => ({ ...certificate, position })),
        },
      },
      include: withCertificates,
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("You already have a pending coach application; an admin will decide it soon.", {
        reason: "PENDING_APPLICATION",
      });
    throw error;
  }
}

/** The caller's latest application, or null. */
export const latestCoachApplication = (
  db: AuthDb,
  accountId: string,
): Promise<CoachApplicationRecord | null> =>
  db.coachApplication.findFirst({
    where: { accountId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: withCertificates,
  });

/** Applications in one status, oldest first (the review queue). Admins only, by the resolver. */
export async function listCoachApplications(
  db: AuthDb,
  args: { status?: CoachApplicationStatus | null; first?: number | null; after?: string | null },
): Promise<Page<CoachApplicationRecord>> {
  const size = pageSize(args.first, { defaultSize: 20, maxSize: 100 });
  const cursor = args.after ? decodeCursor(args.after, "after") : null;
  const rows = await db.coachApplication.findMany({
    where: {
      status: args.status ?? "pending",
      ...keysetAfter(cursor, { at: "createdAt", id: "id", direction: "asc" }),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: size + 1,
    include: withCertificates,
  });
  return toPage(rows, size, (row) => ({ at: row.createdAt, id: row.id }));
}

type Decision = { status: "approved" } | { status: "rejected"; rejectionReason: string };

/**
 * Moves a pending application to its decision by an admin who is not the applicant. The status is
 * changed with `WHERE status = 'pending'`, so of two admins deciding at once exactly one wins; an
 * approval grants the coach role in the same transaction.
 */
async function decide(
  db: AuthDb,
  admin: Actor,
  id: string,
  decision: Decision,
): Promise<CoachApplicationRecord> {
  assertUserId("id", id);
  return db.$transaction(async (tx) => {
    const application = await tx.coachApplication.findUnique({ where: { id } });
    if (!application) throw notFound("Coach application", id);
    if (application.accountId === admin.userId)
      throw forbidden("You cannot decide your own coach application; another admin must.");
    const decided = await tx.coachApplication.updateMany({
      where: { id, status: "pending" },
      data: { ...decision, decidedBy: admin.userId, decidedAt: new Date() },
    });
    if (decided.count === 0) {
      const current = await tx.coachApplication.findUniqueOrThrow({
        where: { id },
        select: { status: true },
      });
      throw conflict(`Coach application ${id} was already ${current.status}.`, {
        currentState: current.status,
      });
    }
    if (decision.status === "approved") await grantCoachRole(tx, application.accountId);
    const record = await tx.coachApplication.findUniqueOrThrow({ where: { id }, include: withCertificates });
    await publishAuthAdminAction(tx, admin, {
      action: decision.status === "approved" ? "approve_coach_application" : "reject_coach_application",
      subjectType: "CoachApplication",
      subjectId: id,
      details: {
        applicantId: application.accountId,
        ...(decision.status === "rejected" ? { reason: decision.rejectionReason } : {}),
      },
    });
    return record;
  });
}

async function grantCoachRole(tx: AuthTx, accountId: string): Promise<void> {
  const account = await tx.account.findUniqueOrThrow({ where: { id: accountId }, select: { roles: true } });
  if (!account.roles.includes("coach"))
    await tx.account.update({ where: { id: accountId }, data: { roles: { push: "coach" } } });
}

export const approveCoachApplication = (db: AuthDb, admin: Actor, id: string) =>
  decide(db, admin, id, { status: "approved" });

export const rejectCoachApplication = (db: AuthDb, admin: Actor, id: string, reason: string) =>
  decide(db, admin, id, { status: "rejected", rejectionReason: parseRejectionReason(reason) });
