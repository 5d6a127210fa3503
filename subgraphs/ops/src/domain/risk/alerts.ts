import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { badInput, notFound } from "@health/platform/errors";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { newestFirstPage, type Page } from "@health/platform/pagination";
import type { OpsDb, OpsTx } from "../../db.ts";
import type { RiskAlert, RiskAlertStatus, RiskSeverity } from "../../generated/prisma/client.ts";
import { appendAudit } from "../audit/append.ts";
import { AlertStatus, alertStateMachine } from "./alertStateMachine.ts";
import { activeHoldOf, placeHold } from "./holds.ts";
import type { Finding } from "./rules.ts";

/**
 * Raises `finding`'s alert, or counts it into the alert already open (or acknowledged) for the same
 * rule and subject: one alert per firing, not one per event past the threshold. A new alert whose rule
 * holds places a hold unless the account is already held. Runs in the consumer's transaction, under
 * the (rule, subject) lock signals.ts took.
 */
export async function raiseAlert(tx: OpsTx, found: Finding, at: Date): Promise<RiskAlert> {
  const openKey = `${found.rule}:${found.subjectKey}`;
  const open = await tx.riskAlert.findUnique({ where: { openKey } });
  if (open) {
    return tx.riskAlert.update({
      where: { id: open.id },
      data: {
        count: { increment: 1 },
        summary: found.summary,
        lastSeenAt: at > open.lastSeenAt ? at : open.lastSeenAt,
        updatedAt: new Date(),
      },
    });
  }
  const alert = await tx.riskAlert.create({
    data: {
      id: randomUUID(),
      rule: found.rule,
      subjectKey: found.subjectKey,
      userId: found.userId,
      severity: found.severity,
      summary: found.summary,
      openKey,
      firstSeenAt: at,
      lastSeenAt: at,
    },
  });
  if (!found.hold || !found.userId) return alert;
  const held = await activeHoldOf(tx, found.userId);
  const hold =
    held ??
    (await placeHold(tx, {
      userId: found.userId,
      reason: `${found.rule}: ${found.summary}`,
      alertId: alert.id,
      heldBy: null,
      at: new Date(),
    }));
  return tx.riskAlert.update({ where: { id: alert.id }, data: { holdId: hold.id } });
}

const PAGE_LIMITS = { defaultSize: 20, maxSize: 100 };

/** riskAlerts: newest first, optionally of one status and one severity (admins; the resolver checks). */
export function listAlerts(
  db: OpsDb,
  args: {
    status?: RiskAlertStatus | null;
    severity?: RiskSeverity | null;
    first?: number | null;
    after?: string | null;
  },
): Promise<Page<RiskAlert>> {
  return newestFirstPage(args, PAGE_LIMITS, ({ after, ...page }) =>
    db.riskAlert.findMany({
      where: {
        AND: [
          args.status ? { status: args.status } : {},
          args.severity ? { severity: args.severity } : {},
          after,
        ],
      },
      ...page,
    }),
  );
}

export async function alertById(db: OpsDb | OpsTx, id: string): Promise<RiskAlert> {
  const alert = isUuid(id) ? await db.riskAlert.findUnique({ where: { id } }) : null;
  if (!alert) throw notFound("Risk alert", id);
  return alert;
}

/**
 * Moves the alert if it is still in `from`; otherwise the state machine's CONFLICT naming where it is.
 * The move and its audit row (an operator's triage: OPERATOR_ACTION) commit together; a refused move
 * records nothing.
 */
async function move(
  db: OpsDb,
  actor: Actor,
  id: string,
  to: AlertStatus,
  data: Omit<Parameters<OpsDb["riskAlert"]["updateMany"]>[0]["data"], "status">,
  audit: { action: string; details?: Record<string, unknown> },
): Promise<RiskAlert> {
  const alertId = uuidArg(id, "id");
  return db.$transaction(async (tx) => {
    const current = await alertById(tx, alertId);
    const from = current.status as AlertStatus;
    alertStateMachine.transition(alertId, from, to);
    const moved = await tx.riskAlert.updateMany({
      where: { id: alertId, status: from },
      data: { ...data, status: to },
    });
    if (moved.count === 0) {
      // Another operator moved it between the read and the write.
      const now = await alertById(tx, alertId);
      throw alertStateMachine.illegalTransition(alertId, now.status as AlertStatus, to);
    }
    await appendAudit(tx, {
      kind: "OPERATOR_ACTION",
      actorId: actor.userId,
      subjectType: "RiskAlert",
      subjectId: alertId,
      action: audit.action,
      details: { rule: current.rule, userId: current.userId, from, to, ...audit.details },
    });
    return alertById(tx, alertId);
  });
}

/** acknowledgeRiskAlert: OPEN → ACKNOWLEDGED, recording who and when. */
export const acknowledgeAlert = (db: OpsDb, actor: Actor, id: string, now: Date): Promise<RiskAlert> =>
  move(
    db,
    actor,
    id,
    AlertStatus.ACKNOWLEDGED,
    { acknowledgedBy: actor.userId, acknowledgedAt: now, updatedAt: now },
    { action: "acknowledge_risk_alert" },
  );

const NOTE_MAX = 2000;

/**
 * resolveRiskAlert: ACKNOWLEDGED → RESOLVED with a note, recording who and when. The rule and subject
 * are free again: the next firing raises a new alert. A hold the alert placed stays until an admin
 * releases it (releaseAccountHold): resolving says what was found, releasing is a decision of its own.
 */
export async function resolveAlert(
  db: OpsDb,
  actor: Actor,
  id: string,
  resolution: string,
  now: Date,
): Promise<RiskAlert> {
  const note = resolution.trim();
  if (note.length === 0 || note.length > NOTE_MAX) {
    throw badInput("resolution", `Say what was found and done, in 1–${NOTE_MAX} characters.`);
  }
  return move(
    db,
    actor,
    id,
    AlertStatus.RESOLVED,
    { resolvedBy: actor.userId, resolvedAt: now, resolution: note, openKey: null, updatedAt: now },
    { action: "resolve_risk_alert", details: { resolution: note } },
  );
}
