import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { UserDb } from "../../db.ts";
import type { ConsentGrant } from "../../generated/prisma/client.ts";
import { type GrantConsentCommand, validateGrant } from "./rules.ts";

export function grantConsent(
  db: UserDb,
  actor: Actor,
  input: GrantConsentCommand,
  now: Date,
): Promise<ConsentGrant> {
  const grant = validateGrant(actor.userId, input, now);
  return db.consentGrant.create({ data: { ownerId: actor.userId, ...grant } });
}

/** Revokes one of the caller's grants at once; revoking twice keeps the first revocation time. */
export async function revokeConsent(db: UserDb, actor: Actor, id: string, now: Date): Promise<ConsentGrant> {
  if (!isUuid(id)) throw notFound("Consent grant", id);
  await db.consentGrant.updateMany({
    where: { id, ownerId: actor.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  const grant = await db.consentGrant.findFirst({ where: { id, ownerId: actor.userId } });
  if (!grant) throw notFound("Consent grant", id);
  return grant;
}

/** Grants the caller has given (as owner). */
export const consentGrantsGiven = (db: UserDb, actor: Actor): Promise<ConsentGrant[]> =>
  db.consentGrant.findMany({
    where: { ownerId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });

/** Grants the caller has received (as coach). */
export const consentGrantsReceived = (db: UserDb, actor: Actor): Promise<ConsentGrant[]> =>
  db.consentGrant.findMany({
    where: { coachId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
