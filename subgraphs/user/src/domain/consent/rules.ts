import { badInput } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { HealthMetric } from "../metrics.ts";

export const MAX_CONSENT_MS = 366 * 24 * 3600_000;

export interface GrantConsentCommand {
  coachId: string;
  metrics: HealthMetric[];
  expiresAt: Date;
}

/** A grant names another person, at least one metric, and ends in the future, at most a year away. */
export function validateGrant(ownerId: string, input: GrantConsentCommand, now: Date): GrantConsentCommand {
  if (!isUuid(input.coachId)) throw badInput("input.coachId", "input.coachId must be a user id (uuid).");
  if (input.coachId.toLowerCase() === ownerId.toLowerCase()) {
    throw badInput("input.coachId", "input.coachId is you: name the coach to share your data with.");
  }
  return { coachId: input.coachId.toLowerCase(), ...validateScope(input, now) };
}

/** What any consent covers (a coach's grant, an AI consent): at least one metric, until a time in the next year. */
export function validateScope(
  input: { metrics: HealthMetric[]; expiresAt: Date },
  now: Date,
): { metrics: HealthMetric[]; expiresAt: Date } {
  const metrics = [...new Set(input.metrics)];
  if (metrics.length === 0) throw badInput("input.metrics", "input.metrics must list at least one metric.");
  const expires = input.expiresAt.getTime();
  if (Number.isNaN(expires) || expires <= now.getTime()) {
    throw badInput("input.expiresAt", "input.expiresAt must be in the future.");
  }
  if (expires > now.getTime() + MAX_CONSENT_MS) {
    throw badInput("input.expiresAt", "input.expiresAt must be at most one year from now.");
  }
  return { metrics, expiresAt: input.expiresAt };
}
