import type { Actor } from "@health/platform/auth";
import { forbidden } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { decodeCursor, keysetAfter, type Page, pageSize, toPage } from "@health/platform/pagination";
import type { FinanceDb, FinanceTx } from "../../db.ts";
import { LedgerAccountKind, type LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { POINTS } from "../ledger/rules.ts";
import { canReadPoints } from "./access.ts";

/** One line of a user's points history: an entry on their points account and the transfer it is in. */
export interface PointsEntryRow {
  id: string;
  points: number;
  kind: LedgerTransferKind;
  reason: string;
  actorId: string | null;
  createdAt: Date;
}

const POINTS_ACCOUNT = { kind: LedgerAccountKind.USER_POINTS, unit: POINTS };
const WITH_TRANSFER = { transfer: { select: { kind: true, reason: true, actorId: true } } } as const;

const toRow = (entry: {
  id: string;
  amount: bigint;
  createdAt: Date;
  transfer: { kind: LedgerTransferKind; reason: string; actorId: string | null };
}): PointsEntryRow => ({
  id: entry.id,
  points: Number(entry.amount),
  kind: entry.transfer.kind,
  reason: entry.transfer.reason,
  actorId: entry.transfer.actorId,
  createdAt: entry.createdAt,
});

/**
 * Whose points `actor` asks for: their own when `userId` is omitted; another user's only for an admin
 * (FORBIDDEN otherwise, saying so).
 */
export function pointsOwnerFor(actor: Actor, userId: string | null | undefined): string {
  const owner = userId ? uuidArg(userId, "userId", "a user id") : actor.userId;
  if (!canReadPoints(actor, owner))
    throw forbidden("Only the user themself or an admin can see their points.");
  return owner;
}

/** Points balances of `userIds` (0 for a user who never had any), in their order. */
export async function pointsBalancesOf(db: FinanceDb, userIds: readonly string[]): Promise<number[]> {
  const accounts = await db.ledgerAccount.findMany({
    where: { ...POINTS_ACCOUNT, owner: { in: [...userIds] } },
    select: { owner: true, balance: true },
  });
  const byOwner = new Map(accounts.map((account) => [account.owner, Number(account.balance)]));
  return userIds.map((id) => byOwner.get(id) ?? 0);
}

export const HISTORY_PAGE = { defaultSize: 20, maxSize: 100 };

/** A page of `userId`'s points history, newest first, after the cursor `after`. */
export async function pointsHistoryOf(
  db: FinanceDb,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Page<PointsEntryRow>> {
  const size = pageSize(args.first, HISTORY_PAGE);
  const cursor = args.after ? decodeCursor(args.after, "after") : null;
  const entries = await db.ledgerEntry.findMany({
    where: {
      account: { ...POINTS_ACCOUNT, owner: userId },
      ...keysetAfter(cursor, { at: "createdAt", id: "id" }),
    },
    include: WITH_TRANSFER,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  return toPage(entries.map(toRow), size, (row) => ({ at: row.createdAt, id: row.id }));
}

/** The entry a transfer made on one account, as a history line. */
export async function pointsEntryOfTransfer(
  tx: FinanceTx,
  transferId: string,
  accountId: string,
): Promise<PointsEntryRow> {
  const entry = await tx.ledgerEntry.findFirstOrThrow({
    where: { transferId, accountId },
    include: WITH_TRANSFER,
  });
  return toRow(entry);
}
