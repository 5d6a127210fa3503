import type { Actor } from "@health/platform/auth";
import { notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { UserDb } from "../../db.ts";
import type { AiConsentGrant } from "../../generated/prisma/client.ts";
import { type GrantAiConsentCommand, validateAiGrant } from "./aiRules.ts";

/** The caller lets ai analyse the listed metrics of their own health data until expiresAt. */
export function grantAiConsent(
  db: UserDb,
  actor: Actor,
  input: GrantAiConsentCommand,
  now: Date,
): Promise<AiConsentGrant> {
  const grant = validateAiGrant(input, now);
  return db.aiConsentGrant.create({ data: { ownerId: actor.userId, ...grant } });
}

/** Ends one of the caller's AI consents at once; revoking twice keeps the first revocation time. */
export async function revokeAiConsent(
  db: UserDb,
  actor: Actor,
  id: string,
  now: Date,
): Promise<AiConsentGrant> {
  if (!isUuid(id)) throw notFound("AI consent", id);
  await db.aiConsentGrant.updateMany({
    where: { id, ownerId: actor.userId, revokedAt: null },
    data: { revokedAt: now },
  });
  const grant = await db.aiConsentGrant.findFirst({ where: { id, ownerId: actor.userId } });
  if (!grant) throw notFound("AI consent", id);
  return grant;
}

/** The caller's own AI consents, newest first. */
export const aiConsentsGiven = (db: UserDb, actor: Actor): Promise<AiConsentGrant[]> =>
  db.aiConsentGrant.findMany({
    where: { ownerId: actor.userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
