import { DATA_HOLDERS, type DataHolder } from "@health/events/privacy";
import type { Actor } from "@health/platform/auth";
import { conflict, forbidden, notFound } from "@health/platform/errors";
import { isUuid } from "@health/platform/graphql";
import type { ErasedTable } from "@health/platform/privacy";
import type { AuthDeps } from "../deps.ts";
import { currentAccount } from "../domain/accounts.ts";
import { verifyCurrentPassword } from "../domain/login.ts";
import type { ClientMeta } from "../domain/sessions.ts";
import type { AccountErasure, AccountErasureAck } from "../generated/prisma/client.ts";

// A person's erasure of their own account (issue 13; PIPL Art. 47): asked for with the current password,
// cancellable through its cooling-off period, started by the sweeper (erasureSweeper.ts), finished when
// every data-holding subgraph acknowledged it (erasureAcks.ts). Nobody erases anyone else: there is no
// argument naming a person, and an admin may only watch an erasure's progress.

/** One data-holding subgraph's part of an erasure, as `accountErasureStatus` shows it. */
export interface ErasureProgressRecord {
  subgraph: DataHolder;
  finished: boolean;
  acknowledgedAt: Date | null;
  tables: ErasedTable[];
}

export type AccountErasureRecord = AccountErasure & { subgraphs: ErasureProgressRecord[] };

/** Every data holder, finished or still pending, in DATA_HOLDERS' order. */
export function erasureProgress(
  acks: readonly Pick<AccountErasureAck, "subgraph" | "tables" | "acknowledgedAt">[],
) {
  return DATA_HOLDERS.map((subgraph): ErasureProgressRecord => {
    const ack = acks.find((row) => row.subgraph === subgraph);
    return {
      subgraph,
      finished: !!ack,
      acknowledgedAt: ack?.acknowledgedAt ?? null,
      tables: (ack?.tables as ErasedTable[] | undefined) ?? [],
    };
  });
}

async function withProgress(
  deps: Pick<AuthDeps, "db">,
  erasure: AccountErasure,
): Promise<AccountErasureRecord> {
  const acks = await deps.db.accountErasureAck.findMany({ where: { erasureId: erasure.id } });
  return { ...erasure, subgraphs: erasureProgress(acks) };
}

/**
 * Asks for the signed-in person's own erasure, after checking their current password (counted by the
 * sign-in throttle; wrong → FORBIDDEN and nothing written). It starts once the cooling-off period is over;
 * asking again while one is pending returns that one (a partial unique index decides between racing calls).
 */
export async function requestAccountErasure(
  deps: AuthDeps,
  actor: Actor,
  password: string,
  meta: Pick<ClientMeta, "ip">,
  userId: string | null = null,
  now = new Date(),
): Promise<AccountErasureRecord> {
  if (userId !== null && userId !== actor.userId) {
    throw forbidden(
      "Only the person can erase their own account; no one may ask for someone else's erasure.",
    );
  }
  const account = await currentAccount(deps.db, actor);
  await verifyCurrentPassword(deps, account, password, meta);
  const scheduledFor = new Date(now.getTime() + deps.config.ACCOUNT_ERASURE_COOLING_OFF_SECONDS * 1000);
  await deps.db.$executeRawUnsafe(
    `INSERT INTO "account_erasures" ("id", "user_id", "status", "requested_at", "scheduled_for")
     VALUES (gen_random_uuid(), $1::uuid, 'PENDING', $2, $3)
     ON CONFLICT ("user_id") WHERE "status" = 'PENDING' DO NOTHING`,
    account.id,
    now,
    scheduledFor,
  );
  const pending = await deps.db.accountErasure.findFirstOrThrow({
    where: { userId: account.id, status: "PENDING" },
  });
  return withProgress(deps, pending);
}

/** The erasure, if `actor` may see it: its owner (while their account exists) or an admin. */
async function visibleErasure(deps: Pick<AuthDeps, "db">, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound("Account erasure", id);
  const erasure = await deps.db.accountErasure.findUnique({ where: { id } });
  if (!erasure || (erasure.userId !== actor.userId && !actor.roles.includes("admin")))
    throw notFound("Account erasure", id);
  return erasure;
}

export async function accountErasureStatus(
  deps: Pick<AuthDeps, "db">,
  actor: Actor,
  id: string,
): Promise<AccountErasureRecord> {
  return withProgress(deps, await visibleErasure(deps, actor, id));
}

/**
 * Cancels the person's own erasure while it is PENDING (a conditional update, so a cancel racing the
 * sweeper either wins or gets CONFLICT). An admin sees erasures but never cancels someone's (FORBIDDEN).
 */
export async function cancelAccountErasure(
  deps: Pick<AuthDeps, "db">,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<AccountErasureRecord> {
  const erasure = await visibleErasure(deps, actor, id);
  if (erasure.userId !== actor.userId)
    throw forbidden("Only the person who asked for an erasure may cancel it.");
  const { count } = await deps.db.accountErasure.updateMany({
    where: { id, status: "PENDING" },
    data: { status: "CANCELLED", cancelledAt: now },
  });
  const current = await deps.db.accountErasure.findUniqueOrThrow({ where: { id } });
  if (count === 0)
    throw conflict(
      `This erasure is ${current.status.toLowerCase().replace("_", " ")}: only a pending erasure (in its cooling-off period) can be cancelled.`,
      { currentState: current.status },
    );
  return withProgress(deps, current);
}
