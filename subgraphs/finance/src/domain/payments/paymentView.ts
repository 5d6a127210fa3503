import type { Payment as PaymentRow } from "../../generated/prisma/client.ts";
import type { PaymentStatus } from "../../generated/prisma/enums.ts";

/**
 * A payment as answered, in plain JSON: what an idempotency key stores and replays, so every retry of a
 * request gets the first answer exactly (dates as ISO strings).
 */
export interface PaymentView {
  id: string;
  payerId: string;
  amount: number;
  currency: string;
  reference: string;
  status: PaymentStatus;
  capturedAmount: number;
  refundedAmount: number;
  provider: string;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export const paymentView = (row: PaymentRow): PaymentView => ({
  id: row.id,
  payerId: row.payerId,
  amount: row.amount,
  currency: row.currency,
  reference: row.reference,
  status: row.status,
  capturedAmount: row.capturedAmount,
  refundedAmount: row.refundedAmount,
  provider: row.provider,
  failureReason: row.failureReason,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
