import type { FinanceTx } from "../../db.ts";
import { LedgerAccountKind, LedgerTransferKind } from "../../generated/prisma/enums.ts";
import { accountIdOf } from "../ledger/accounts.ts";
import { PLATFORM_OWNER } from "../ledger/rules.ts";
import { transfer } from "../ledger/transfer.ts";

// What a payment posts to the ledger. An authorization holds no ledger money (the provider holds it); a
// capture moves the amount from the provider's clearing account to the platform's revenue (until
// settlements split it, issue 19 point 4), and a refund moves it back. Each posts once per cause
// (its source reference).

async function postPayment(
  tx: FinanceTx,
  payment: { id: string; provider: string; currency: string },
  amount: number,
  sourceRef: string,
  reason: string,
): Promise<void> {
  const unit = payment.currency;
  const clearing = await accountIdOf(tx, {
    owner: `provider:${payment.provider}`,
    kind: LedgerAccountKind.PROVIDER_CLEARING,
    unit,
  });
  const revenue = await accountIdOf(tx, {
    owner: PLATFORM_OWNER,
    kind: LedgerAccountKind.PLATFORM_REVENUE,
    unit,
  });
  await transfer(tx, {
    kind: LedgerTransferKind.TRANSFER,
    reason,
    sourceRef,
    unit,
    entries: [
      { accountId: clearing, amount: -BigInt(amount) },
      { accountId: revenue, amount: BigInt(amount) },
    ],
  });
}

export const postCapture = (
  tx: FinanceTx,
  payment: { id: string; provider: string; currency: string },
  amount: number,
) => postPayment(tx, payment, amount, `payment:${payment.id}:capture`, `payment ${payment.id} captured`);

export const postRefund = (
  tx: FinanceTx,
  payment: { id: string; provider: string; currency: string },
  amount: number,
  refundId: string,
) =>
  postPayment(
    tx,
    payment,
    -amount,
    `payment:${payment.id}:refund:${refundId}`,
    `payment ${payment.id} refunded`,
  );
