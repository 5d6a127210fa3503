import { AppError, ErrorCode } from "@health/platform/errors";
import { withSavepoint } from "@health/platform/prisma";
import type { FinanceTx } from "../../db.ts";
import { publishBountyHeld, publishBountyHoldRefused } from "../../events/bountyEvents.ts";
import { LedgerAccountKind, LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { accountIdOf } from "../ledger/accounts.ts";
import { POINTS } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";

// Question bounties (content's saga, issue 11 M12): points held in one escrow account per question
// (kind BOUNTY_ESCROW, owner the question's id), then paid to the accepted answer's author or returned
// to the asker. Each move is one balanced transfer whose source reference makes it happen at most once:
// `bounty:<question>:hold`, and `bounty:<question>:release` shared by the payout and the return, so only
// one of the two can ever post. Each runs in the consumer's transaction, whose inbox makes a redelivery
// a no-op; the source references hold even past the inbox.

export const holdRef = (questionId: string) => `bounty:${questionId}:hold`;
export const releaseRef = (questionId: string) => `bounty:${questionId}:release`;

export interface BountyHold {
  questionId: string;
  askerId: string;
  points: number;
}

const escrowOf = (tx: FinanceTx, questionId: string) =>
  accountIdOf(tx, { owner: questionId, kind: LedgerAccountKind.BOUNTY_ESCROW, unit: POINTS });
const pointsOf = (tx: FinanceTx, userId: string) =>
  accountIdOf(tx, { owner: userId, kind: LedgerAccountKind.USER_POINTS, unit: POINTS });

const isConflict = (error: unknown) => error instanceof AppError && error.code === ErrorCode.CONFLICT;

/**
 * Moves the bounty from the asker's points into the question's escrow and answers bounty_held; when
 * the ledger refuses (the asker's balance would go below zero: the database decides, under the row
 * lock, not a pre-check), the attempt is rolled back to a savepoint, nothing moved, and the answer is
 * bounty_hold_refused with the reason. A hold already posted is answered held again.
 */
export async function holdBounty(tx: FinanceTx, hold: BountyHold, now: Date): Promise<"held" | "refused"> {
  // Opened outside the savepoint (escrow first, as every bounty move does), so a refusal keeps nothing else.
  const escrow = await escrowOf(tx, hold.questionId);
  const asker = await pointsOf(tx, hold.askerId);
  try {
    await withSavepoint(tx, "bounty_hold", () =>
      transfer(tx, {
        kind: LedgerTransferKind.BOUNTY,
        reason: `bounty held for question ${hold.questionId}`,
        sourceRef: holdRef(hold.questionId),
        unit: POINTS,
        entries: [
          { accountId: asker, amount: -BigInt(hold.points) },
          { accountId: escrow, amount: BigInt(hold.points) },
        ],
      }),
    );
  } catch (error) {
    if (!isConflict(error)) throw error;
    await publishBountyHoldRefused(
      tx,
      hold,
      `you have fewer than the ${hold.points} points of the bounty`,
      now,
    );
    return "refused";
  }
  await publishBountyHeld(tx, hold, now);
  return "held";
}

/** What a release did: moved the points, found them moved already, or found nothing held. */
export type ReleaseOutcome = "released" | "already-released" | "nothing-held";

/**
 * Moves what the question's escrow holds to `recipientId`'s points (the accepted answer's author, or the
 * asker on a return), once: the payout and the return share one source reference. With no hold posted
 * (it was refused, or has not arrived), nothing moves.
 */
export async function releaseBounty(
  tx: FinanceTx,
  release: { questionId: string; recipientId: string; reason: string },
): Promise<ReleaseOutcome> {
  const held = await tx.ledgerTransfer.findUnique({ where: { sourceRef: holdRef(release.questionId) } });
  if (!held) return "nothing-held";
  const escrow = await escrowOf(tx, release.questionId);
  const recipient = await pointsOf(tx, release.recipientId);
  const { balance } = await tx.ledgerAccount.findUniqueOrThrow({ where: { id: escrow } });
  if (balance === 0n) return "already-released";
  const posted = await transfer(tx, {
    kind: LedgerTransferKind.BOUNTY,
    reason: release.reason,
    sourceRef: releaseRef(release.questionId),
    unit: POINTS,
    entries: [
      { accountId: escrow, amount: -balance },
      { accountId: recipient, amount: balance },
    ],
  });
  return posted ? "released" : "already-released";
}
