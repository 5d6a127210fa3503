import type { Actor } from "@health/platform/auth";
import { badInput } from "@health/platform/errors";
import { assertNotHeld } from "@health/platform/holds";
import { withIdempotency } from "@health/platform/idempotency";
import { parseMoney } from "@health/platform/money";
import type { FinanceDb } from "../../db.ts";
import { type PaymentView, paymentView } from "./paymentView.ts";
import type { PaymentProvider } from "./provider.ts";

export interface CreatePaymentInput {
  idempotencyKey: string;
  /** Minor units (fen for CNY). */
  amount: number;
  currency?: string | null;
  /** What it pays for (an order id, a course): 1–200 characters. */
  reference: string;
}

/** The input checked before any write: BAD_USER_INPUT naming the field. */
function checkedInput(input: CreatePaymentInput) {
  const money = parseMoney(input.amount, input.currency, "input", { amountField: "amount", min: 1 });
  const reference = input.reference.trim();
  if (reference.length === 0 || reference.length > 200) {
    throw badInput("input.reference", "input.reference must be 1–200 characters saying what is paid for.");
  }
  return { ...money, reference };
}

/**
 * The payer's payment: written CREATED and an authorization asked of the provider, whose answer comes
 * by webhook (AUTHORIZED or FAILED). Once per (payer, idempotency key): a retry gets the first answer.
 */
export async function createPayment(
  db: FinanceDb,
  provider: PaymentProvider,
  payer: Actor,
  input: CreatePaymentInput,
): Promise<PaymentView> {
  const { amount, currency, reference } = checkedInput(input);
  // ops's hold (finance's own account_holds): a held account starts no payment.
  await assertNotHeld(db, payer.userId, "make payments");
  return withIdempotency(
    db,
    {
      callerId: payer.userId,
      key: input.idempotencyKey,
      parameters: { operation: "createPayment", amount, currency, reference },
    },
    async (tx) => {
      const created = await tx.payment.create({
        data: { payerId: payer.userId, amount, currency, reference, provider: provider.name },
      });
      const { providerRef } = await provider.authorize({ paymentId: created.id, amount, currency }, tx);
      return paymentView(await tx.payment.update({ where: { id: created.id }, data: { providerRef } }));
    },
    { field: "input.idempotencyKey" },
  );
}
