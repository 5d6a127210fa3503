import type { FinanceTx } from "../../db.ts";
import { publishPointsAwarded } from "../../events/financeEvents.ts";
import { LedgerAccountKind, LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { accountIdOf } from "../ledger/accounts.ts";
import { PLATFORM_OWNER, POINTS } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";
import type { PointsAward } from "./rules.ts";

/** The user's points account and the issuance account points are minted from (negative by design). */
export async function pointsAccountsOf(tx: FinanceTx, userId: string) {
  // Opened in a fixed order (issuance, then the user) so two first awards cannot deadlock on the key.
  const issuance = await accountIdOf(tx, {
    owner: PLATFORM_OWNER,
    kind: LedgerAccountKind.POINTS_ISSUANCE,
    unit: POINTS,
  });
  const user = await accountIdOf(tx, { owner: userId, kind: LedgerAccountKind.USER_POINTS, unit: POINTS });
  return { issuance, user };
}

/**
 * Credits a rule's award for the event `sourceEventId`, inside the consumer's transaction, and writes
 * points_awarded to the outbox in it. Once per event: the transfer's source reference is the event id,
 * so a second run (a redelivery that got past the inbox) posts nothing and publishes nothing.
 */
export async function awardPoints(
  tx: FinanceTx,
  award: PointsAward,
  sourceEventId: string,
  now: Date,
): Promise<boolean> {
  const accounts = await pointsAccountsOf(tx, award.userId);
  const posted = await transfer(tx, {
    kind: LedgerTransferKind.POINTS_AWARD,
    reason: award.reason,
    sourceRef: `event:${sourceEventId}`,
    unit: POINTS,
    entries: [
      { accountId: accounts.issuance, amount: -BigInt(award.points) },
      { accountId: accounts.user, amount: BigInt(award.points) },
    ],
  });
  if (!posted) return false;
  await publishPointsAwarded(tx, { ...award, actorId: null }, now);
  return true;
}
