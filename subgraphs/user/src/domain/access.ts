import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import type { HealthMetric } from "./metrics.ts";

/** The kinds of health data a read is about; each read is logged under one of these. */
export const HealthResource = {
  HEALTH_RECORDS: "HEALTH_RECORDS",
  HEALTH_ACTIONS: "HEALTH_ACTIONS",
  HEALTH_GOALS: "HEALTH_GOALS",
  ASSESSMENTS: "ASSESSMENTS",
  DEVICE_BINDINGS: "DEVICE_BINDINGS",
} as const;
export type HealthResource = (typeof HealthResource)[keyof typeof HealthResource];

/** Who the reader was to the owner when the decision was made (stored in the access log). */
export const AccessRole = { OWNER: "OWNER", ADMIN: "ADMIN", COACH: "COACH", USER: "USER" } as const;
export type AccessRole = (typeof AccessRole)[keyof typeof AccessRole];

/** The facts of a consent grant the rule needs. */
export interface GrantFacts {
  id: string;
  ownerId: string;
  coachId: string;
  metrics: readonly HealthMetric[];
  expiresAt: Date;
  revokedAt: Date | null;
}

export type AccessDecision =
  | {
      allowed: true;
      role: AccessRole;
      reason: string;
      /** The grant that gave a coach access (the first, when several did). */
      grantId: string | null;
      /** The metrics the reader may see; null means all of them. */
      metrics: HealthMetric[] | null;
    }
  | { allowed: false; role: AccessRole; reason: string; grantId: null; metrics: null };

export const isLiveGrant = (grant: GrantFacts, now: Date): boolean =>
  grant.revokedAt === null && grant.expiresAt.getTime() > now.getTime();

const deny = (role: AccessRole, reason: string): AccessDecision => ({
  allowed: false,
  role,
  reason,
  grantId: null,
  metrics: null,
});

/**
 * ARCHITECTURE rule 4: health data is read by its owner, an admin, or a coach (role `coach`) holding a
 * live consent grant (not revoked, not expired) from that owner. For a metric, the grant must cover it;
 * for data that is not one metric (actions, goals, assessments, devices, or records of every metric),
 * any live grant will do, and `metrics` then limits records to what the grants cover.
 */
export function decideHealthAccess(
  actor: Actor,
  ownerId: string,
  grants: readonly GrantFacts[],
  metric: HealthMetric | null | undefined,
  now: Date,
): AccessDecision {
  if (actor.userId === ownerId) {
    return { allowed: true, role: "OWNER", reason: "owner", grantId: null, metrics: null };
  }
  if (hasRole(actor, "admin")) {
    return { allowed: true, role: "ADMIN", reason: "admin", grantId: null, metrics: null };
  }
  if (!hasRole(actor, "coach")) return deny("USER", "not the owner, an admin or a coach");

  const fromOwner = grants.filter((g) => g.ownerId === ownerId && g.coachId === actor.userId);
  if (fromOwner.length === 0) return deny("COACH", "no consent grant from the owner");
  const live = fromOwner.filter((g) => isLiveGrant(g, now));
  if (live.length === 0) {
    const revoked = fromOwner.some((g) => g.revokedAt !== null);
    return deny("COACH", revoked ? "consent grant revoked" : "consent grant expired");
  }
  const covering = metric ? live.filter((g) => g.metrics.includes(metric)) : live;
  const [first] = covering;
  if (!first) return deny("COACH", `consent grant does not cover ${metric}`);
  const metrics = metric ? [metric] : [...new Set(live.flatMap((g) => g.metrics))];
  return {
    allowed: true,
    role: "COACH",
    reason: `consent grant ${first.id}`,
    grantId: first.id,
    metrics,
  };
}

/** The access log shows who read a person's data: the person and admins may read it. */
export const canReadAccessLog = (actor: Actor, ownerId: string): boolean =>
  actor.userId === ownerId || hasRole(actor, "admin");
