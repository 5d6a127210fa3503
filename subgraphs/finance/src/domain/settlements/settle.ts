import { badInput } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import type { FinanceTx } from "../../db.ts";
import { publishSettlementRecorded } from "../../events/paymentEvents.ts";
import { LedgerAccountKind, LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { accountIdOf } from "../ledger/accounts.ts";
import { PLATFORM_OWNER } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";
import { FULL_BPS, splitAmount } from "./split.ts";

export interface SettleOrderPaymentInput {
  /** The trade order whose payment was captured: settled once. */
  orderId: string;
  /** The captured payment (finance's id). */
  paymentId: string;
  /** The coach who served the order: their COACH_PAYABLE is credited. */
  coachId: string;
  /** The captured amount, minor units. */
  amount: number;
  /** ISO 4217. */
  currency: string;
  /** The platform's fee, basis points (the config's FINANCE_PLATFORM_FEE_BPS). */
  feeBps: number;
}

export interface SettledOrder {
  coachPayout: number;
  platformFee: number;
}

/** The source reference of an order's settlement: one per order, ever. */
export const settlementSourceRef = (orderId: string) => `settlement:order:${orderId}`;

function checkedInput(input: SettleOrderPaymentInput) {
  const money = parseMoney(input.amount, input.currency, "input", { amountField: "amount", min: 1 });
  if (!Number.isInteger(input.feeBps) || input.feeBps < 0 || input.feeBps > FULL_BPS) {
    throw badInput("input.feeBps", `input.feeBps must be 0–${FULL_BPS} basis points; got ${input.feeBps}.`);
  }
  return {
    ...money,
    orderId: uuidArg(input.orderId, "input.orderId", "an order id"),
    paymentId: uuidArg(input.paymentId, "input.paymentId", "a payment id"),
    coachId: uuidArg(input.coachId, "input.coachId", "a coach's user id"),
  };
}

/**
 * Splits an order's captured payment, inside the caller's transaction (the service_completed handler's,
 * right after the capture moved the amount from the provider's clearing to PLATFORM_REVENUE): one
 * balanced SETTLEMENT transfer, PLATFORM_REVENUE −amount, the coach's COACH_PAYABLE +payout and
 * PLATFORM_FEES +fee (fee = floor(amount × feeBps / 10000), payout = amount − fee: `split.ts`), and one
 * `settlements` row stamped with the transfer's own time (the database's clock), so that a report's
 * period and the ledger's count the same settlements. Once per order: the transfer's source reference
 * is `settlement:order:<orderId>`, so a second call (a redelivery, or a concurrent handler, which waits
 * for the first to commit) posts nothing and answers null.
 */
export async function settleOrderPayment(
  tx: FinanceTx,
  input: SettleOrderPaymentInput,
): Promise<SettledOrder | null> {
  const { orderId, paymentId, coachId, amount, currency } = checkedInput(input);
  const split = splitAmount(amount, input.feeBps);
  // Opened in a fixed order (the platform's, then the coach's) so two first settlements cannot deadlock.
  const revenue = await accountIdOf(tx, {
    owner: PLATFORM_OWNER,
    kind: LedgerAccountKind.PLATFORM_REVENUE,
    unit: currency,
  });
  const fees = await accountIdOf(tx, {
    owner: PLATFORM_OWNER,
    kind: LedgerAccountKind.PLATFORM_FEES,
    unit: currency,
  });
  const payable = await accountIdOf(tx, {
    owner: coachId,
    kind: LedgerAccountKind.COACH_PAYABLE,
    unit: currency,
  });
  const transferId = await transfer(tx, {
    kind: LedgerTransferKind.SETTLEMENT,
    reason: `order ${orderId} settled: payment ${paymentId}`,
    sourceRef: settlementSourceRef(orderId),
    unit: currency,
    entries: [
      { accountId: revenue, amount: -BigInt(amount) },
      { accountId: payable, amount: BigInt(split.coach) },
      { accountId: fees, amount: BigInt(split.platform) },
    ],
  });
  if (!transferId) return null;
  const posted = await tx.ledgerTransfer.findUniqueOrThrow({
    where: { id: transferId },
    select: { createdAt: true },
  });
  await tx.settlement.create({
    data: {
      orderId,
      paymentId,
      coachId,
      amount,
      coachPayout: split.coach,
      platformFee: split.platform,
      feeBps: input.feeBps,
      currency,
      transferId,
      settledAt: posted.createdAt,
    },
  });
  const recorded = { coachPayout: split.coach, platformFee: split.platform, settledAt: posted.createdAt };
  await publishSettlementRecorded(tx, { orderId, paymentId, coachId, amount, currency, ...recorded });
  return { coachPayout: split.coach, platformFee: split.platform };
}
