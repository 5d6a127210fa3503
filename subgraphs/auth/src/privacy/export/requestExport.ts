import { dataExportRequestedV1 } from "@health/events/catalog";
import { type Actor, hasRole } from "@health/platform/auth";
import { forbidden, notFound, rateLimited } from "@health/platform/errors";
import { publishEvent } from "@health/platform/events";
import { isUuid } from "@health/platform/graphql";
import type { AuthDeps } from "../../deps.ts";
import { publishAuthAdminAction } from "../../domain/authEvents.ts";
import { type DataExportState, exportState } from "./exportState.ts";

const DAY_MS = 24 * 3600 * 1000;

type RequestDeps = Pick<AuthDeps, "db" | "exportLimiter" | "config">;

/** Whose export `actor` may start: their own, or anyone's when an admin. Anyone else's is FORBIDDEN. */
function subjectOf(actor: Actor, userId: string | null): string {
  const subject = userId ?? actor.userId;
  if (subject !== actor.userId && !hasRole(actor, "admin"))
    throw forbidden("Only the person themselves or an admin may request a person's data export.");
  return subject;
}

/** The rate limiter's bucket of a person's export requests (its key under the limiter's `ratelimit:`). */
export const exportLimitKey = (userId: string): string => `auth:data_export:${userId}`;

/**
 * Starts an export of everything the platform holds about `userId` (default: the caller): the row and
 * `data_export_requested` commit together, and every data-holding subgraph answers with its part. While
 * one is REQUESTED, asking again returns it (the per-person lock and a partial unique index decide
 * between concurrent calls); only a new export counts against DATA_EXPORT_MAX_PER_DAY. An admin asking
 * for someone else is recorded for the audit log in the same transaction.
 */
export async function requestDataExport(
  deps: RequestDeps,
  actor: Actor,
  userId: string | null,
): Promise<DataExportState> {
  const subject = subjectOf(actor, userId);
  if (!isUuid(subject)) throw notFound("User", subject);
  return deps.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(
      "SELECT pg_advisory_xact_lock(hashtext('auth.data_export:' || $1::text))",
      subject,
    );
    const account = await tx.account.findUnique({ where: { id: subject }, select: { id: true } });
    if (!account) throw notFound("User", subject);
    const inProgress = await tx.dataExport.findFirst({
      where: { userId: subject, status: "REQUESTED" },
      include: { parts: { select: { subgraph: true } } },
    });
    if (inProgress) return exportState(inProgress, inProgress.parts);

    const limit = deps.config.DATA_EXPORT_MAX_PER_DAY;
    const decision = await deps.exportLimiter.take([
      { key: exportLimitKey(subject), limit, periodMs: DAY_MS },
    ]);
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      throw rateLimited(
        `At most ${limit} data exports a day may be requested for one person; the next one in ${Math.ceil(seconds / 60)} min. The last export stays downloadable until it expires.`,
        seconds,
      );
    }
    const created = await tx.dataExport.create({ data: { userId: subject, requestedBy: actor.userId } });
    await publishEvent(
      tx,
      dataExportRequestedV1,
      { exportId: created.id, userId: subject, requestedAt: created.requestedAt.toISOString() },
      { aggregateId: created.id, actorId: actor.userId },
    );
    if (subject !== actor.userId)
      await publishAuthAdminAction(tx, actor, {
        action: "request_data_export",
        subjectType: "User",
        subjectId: subject,
        details: { exportId: created.id },
      });
    return exportState(created, []);
  });
}
