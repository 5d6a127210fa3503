import { type AccessDecision, isLiveGrant } from "../access/rules.ts";
import type { HealthMetric } from "../metrics.ts";
import { validateScope } from "./rules.ts";

// An owner's consent to AI analysis (issue 12): a read through ai needs the reader's own access
// (decideHealthAccess) AND a live AI consent from the owner covering the metric. Owners and admins too:
// letting ai analyse one's health data is the owner's choice alone.

export interface AiConsentFacts {
  id: string;
  ownerId: string;
  metrics: readonly HealthMetric[];
  expiresAt: Date;
  revokedAt: Date | null;
}

export interface GrantAiConsentCommand {
  metrics: HealthMetric[];
  expiresAt: Date;
}

/** Neither revoked nor expired, as for a coach's grant. */
export const isLiveAiConsent = isLiveGrant;

/** At least one metric, ending in the future, at most a year away. */
export const validateAiGrant = (input: GrantAiConsentCommand, now: Date): GrantAiConsentCommand =>
  validateScope(input, now);

/**
 * Narrows the reader's decision for one metric read through ai: refused unless one of the owner's live
 * AI consents covers the metric. A refusal of the reader's own access stays as it was.
 */
export function narrowForAi(
  decision: AccessDecision,
  ownerId: string,
  metric: HealthMetric,
  consents: readonly AiConsentFacts[],
  now: Date,
): AccessDecision {
  if (!decision.allowed) return decision;
  const covering = consents.find(
    (c) => c.ownerId === ownerId && isLiveAiConsent(c, now) && c.metrics.includes(metric),
  );
  if (covering) return { ...decision, reason: `${decision.reason}; AI consent ${covering.id}` };
  return {
    allowed: false,
    role: decision.role,
    reason: `the owner has not allowed AI analysis of ${metric}`,
    grantId: null,
    metrics: null,
  };
}
