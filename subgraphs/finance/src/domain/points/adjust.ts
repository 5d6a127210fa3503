import { financeAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { FinanceDb } from "../../db.ts";
import { publishPointsAwarded } from "../../events/financeEvents.ts";
import { LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { POINTS, reasonOf } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";
import { pointsAccountsOf } from "./award.ts";
import { pointsEntryOfTransfer } from "./queries.ts";
import { isValidAdjustment, MAX_ADJUSTMENT } from "./rules.ts";

export interface PointsAdjustmentInput {
  userId: string;
  /** Signed points: positive credits the user, negative takes back. */
  amount: number;
  reason: string;
}

/**
 * An operator's correction of a user's points, posted as its own transfer carrying the operator's id and
 * reason (the audit trail: entries are never edited). Taking the user below zero is refused by the
 * database (CONFLICT "Too few points") and nothing moves. A credit publishes points_awarded.
 */
export async function adjustPoints(db: FinanceDb, operator: Actor, input: PointsAdjustmentInput, now: Date) {
  const userId = uuidArg(input.userId, "userId", "a user id");
  if (!isValidAdjustment(input.amount)) {
    throw badInput("amount", `amount must be a non-zero whole number of points within ±${MAX_ADJUSTMENT}.`);
  }
  const reason = reasonOf(input.reason);
  return db.$transaction(async (tx) => {
    const accounts = await pointsAccountsOf(tx, userId);
    const transferId = await transfer(tx, {
      kind: LedgerTransferKind.POINTS_ADJUSTMENT,
      reason,
      actorId: operator.userId,
      unit: POINTS,
      entries: [
        { accountId: accounts.issuance, amount: -BigInt(input.amount) },
        { accountId: accounts.user, amount: BigInt(input.amount) },
      ],
    });
    // No source reference, so it always posts: each call is a decision of its own.
    if (!transferId) throw new Error("an adjustment without a source reference was not posted");
    if (input.amount > 0) {
      await publishPointsAwarded(tx, { userId, points: input.amount, reason, actorId: operator.userId }, now);
    }
    // ops's audit log (M18): the operator's decision, in its transaction.
    await publishAdminAction(tx, financeAdminActionRecordedV1, operator, {
      action: "adjust_points",
      subjectType: "User",
      subjectId: userId,
      details: { amount: input.amount, reason, transferId },
    });
    return pointsEntryOfTransfer(tx, transferId, accounts.user);
  });
}
