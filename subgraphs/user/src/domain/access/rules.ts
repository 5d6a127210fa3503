import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import type { HealthMetric } from "../metrics.ts";
import type { HealthResource } from "./healthResource.ts";
import { metricScope } from "./revealedMetrics.ts";

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

export const isLiveGrant = (grant: Pick<GrantFacts, "expiresAt" | "revokedAt">, now: Date): boolean =>
  grant.revokedAt === null && grant.expiresAt.getTime() > now.getTime();

const deny = (role: AccessRole, reason: string): AccessDecision => ({
  allowed: false,
  role,
  reason,
  grantId: null,
  metrics: null,
});

/** One read of one owner's health data: what and, for records and goals, which metric. */
export interface HealthDataRead {
  ownerId: string;
  resource: HealthResource;
  metric?: HealthMetric | null;
}

/**
 * ../shared/design/ARCHITECTURE.md rule 4: health data is read by its owner, an admin, or a coach (role `coach`) holding a
 * live consent grant (not revoked, not expired) from that owner that covers every metric the read
 * reveals (`metricScope`). `metrics` is then the union of the live grants' metrics, which loaders use
 * to narrow records, goals, actions and devices to what the grants cover.
 */
export function decideHealthAccess(
  actor: Actor,
  read: HealthDataRead,
  grants: readonly GrantFacts[],
  now: Date,
): AccessDecision {
  const { ownerId } = read;
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
  const granted = [...new Set(live.flatMap((g) => g.metrics))];
  const scope = metricScope(read.resource, read.metric, granted);
  if ("refusal" in scope) return deny("COACH", scope.refusal);
  // The grants that gave something away, for the log: every live one whose metrics are revealed.
  const used = live.filter((g) => g.metrics.some((m) => scope.revealed.includes(m)));
  const [first] = used;
  if (!first) return deny("COACH", "consent grant covers nothing this read reveals");
  return {
    allowed: true,
    role: "COACH",
    reason:
      used.length === 1 ? `consent grant ${first.id}` : `consent grants ${used.map((g) => g.id).join(", ")}`,
    grantId: first.id,
    metrics: read.metric ? [read.metric] : granted,
  };
}

/** The access log shows who read a person's data: the person and admins may read it. */
export const canReadAccessLog = (actor: Actor, ownerId: string): boolean =>
  actor.userId === ownerId || hasRole(actor, "admin");
