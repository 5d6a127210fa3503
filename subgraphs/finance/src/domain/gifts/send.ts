import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { assertNotHeld } from "@health/platform/holds";
import { withIdempotency } from "@health/platform/idempotency";
import type { FinanceDb, FinanceTx } from "../../db.ts";
import { publishGiftSent } from "../../events/financeEvents.ts";
import { LedgerAccountKind, LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { accountIdOf } from "../ledger/accounts.ts";
import { PLATFORM_OWNER, POINTS } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";
import { FULL_BPS, splitAmount } from "../settlements/split.ts";
import { type GiftOrderView, giftOrderView } from "./giftViews.ts";
import { checkedGift, type SendGiftInput } from "./rules.ts";

/** The source reference of a gift: one per (sender, idempotency key), even past the key's retention. */
export const giftSourceRef = (senderId: string, key: string) => `gift:${senderId}:${key.trim()}`;

/** The three accounts a gift moves points between, opened in a fixed order (platform, sender, recipient). */
async function giftAccountsOf(tx: FinanceTx, senderId: string, recipientId: string) {
  const fees = await accountIdOf(tx, {
    owner: PLATFORM_OWNER,
    kind: LedgerAccountKind.PLATFORM_FEES,
    unit: POINTS,
  });
  const sender = await accountIdOf(tx, {
    owner: senderId,
    kind: LedgerAccountKind.USER_POINTS,
    unit: POINTS,
  });
  const payable = await accountIdOf(tx, {
    owner: recipientId,
    kind: LedgerAccountKind.COACH_PAYABLE,
    unit: POINTS,
  });
  return { fees, sender, payable };
}

/**
 * `sender` sends `quantity` of a gift to a coach (the seed's POST /gifts/purchase), once per idempotency
 * key: the price × quantity in points leaves the sender's USER_POINTS, the coach's share (the config's
 * FINANCE_GIFT_COACH_SHARE_BPS; the rounding is `split.ts`'s, in the coach's favour) goes to the
 * recipient's COACH_PAYABLE in POINTS and the rest to the platform's PLATFORM_FEES in POINTS, as one
 * balanced GIFT transfer, with the gift_orders row and gift_sent in the same transaction. Too few points
 * is CONFLICT ("Too few points for this.") from the database's overdraft refusal, and nothing is written;
 * an unknown gift is NOT_FOUND, an inactive one CONFLICT. A retry with the key gets the first answer.
 */
export async function sendGift(
  db: FinanceDb,
  sender: Actor,
  input: SendGiftInput,
  coachShareBps: number,
  now: Date,
): Promise<GiftOrderView> {
  const checked = checkedGift(sender.userId, input);
  // ops's hold (finance's own account_holds): a held account sends no gift.
  await assertNotHeld(db, sender.userId, "send gifts");
  return withIdempotency(
    db,
    {
      callerId: sender.userId,
      key: input.idempotencyKey,
      parameters: { operation: "sendGift", ...checked },
    },
    async (tx) => {
      const gift = await tx.gift.findUnique({ where: { id: checked.giftId } });
      if (!gift) throw notFound("Gift", checked.giftId);
      if (!gift.active) throw conflict(`The gift "${gift.name}" is no longer offered; choose another.`);
      const points = gift.pricePoints * checked.quantity;
      const split = splitAmount(points, FULL_BPS - coachShareBps);
      const accounts = await giftAccountsOf(tx, sender.userId, checked.recipientId);
      const transferId = await transfer(tx, {
        kind: LedgerTransferKind.GIFT,
        reason: `gift ${gift.name} ×${checked.quantity} to ${checked.recipientId}`,
        sourceRef: giftSourceRef(sender.userId, input.idempotencyKey),
        actorId: sender.userId,
        unit: POINTS,
        entries: [
          { accountId: accounts.sender, amount: -BigInt(points) },
          { accountId: accounts.payable, amount: BigInt(split.coach) },
          { accountId: accounts.fees, amount: BigInt(split.platform) },
        ],
      });
      // Only once the key's 24 hours have passed can a key come back to a gift it already sent.
      if (!transferId)
        throw conflict("This idempotency key already sent a gift; use a new key for a new gift.");
      const order = await tx.giftOrder.create({
        data: {
          giftId: gift.id,
          senderId: sender.userId,
          recipientId: checked.recipientId,
          quantity: checked.quantity,
          points,
          coachShare: split.coach,
          platformShare: split.platform,
          liveRoomId: checked.liveRoomId,
          orderId: checked.orderId,
          message: checked.message,
          transferId,
        },
        include: { gift: true },
      });
      await publishGiftSent(tx, order, now);
      return giftOrderView(order);
    },
    { field: "input.idempotencyKey" },
  );
}
