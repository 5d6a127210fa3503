import type { Actor } from "@health/platform/auth";
import { forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import {
  afterCursor,
  cursorOfRow,
  NEWEST_FIRST,
  type Page,
  pageRequest,
  toPage,
} from "@health/platform/pagination";
import type { FinanceDb } from "../../db.ts";
import { canReadPayment } from "./access.ts";
import { type PaymentView, paymentView } from "./paymentView.ts";

export const PAYMENTS_PAGE = { defaultSize: 20, maxSize: 100 };

/** The payment `id` for its payer or an admin; NOT_FOUND for anyone else (its existence is not told). */
export async function paymentFor(db: FinanceDb, actor: Actor, id: string): Promise<PaymentView> {
  const paymentId = uuidArg(id, "id", "a payment id");
  const payment = await db.payment.findUnique({ where: { id: paymentId } });
  if (!payment || !canReadPayment(actor, payment.payerId)) throw notFound("Payment", paymentId);
  return paymentView(payment);
}

/** A page of `payerId`'s payments (the caller's own when omitted; another's only for an admin), newest first. */
export async function paymentsOf(
  db: FinanceDb,
  actor: Actor,
  args: { payerId?: string | null; first?: number | null; after?: string | null },
): Promise<Page<PaymentView>> {
  const payerId = args.payerId ? uuidArg(args.payerId, "payerId", "a user id") : actor.userId;
  if (!canReadPayment(actor, payerId))
    throw forbidden("Only the payer themself or an admin can list their payments.");
  const { size, cursor } = pageRequest(args, PAYMENTS_PAGE);
  const rows = await db.payment.findMany({
    where: { payerId, ...afterCursor(cursor) },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  const page = toPage(rows, size, cursorOfRow);
  return { ...page, nodes: page.nodes.map(paymentView) };
}
