import type { SqlExecutor } from "@health/platform/events";
import { type ErasedSubject, type ErasedTable, rememberErasure } from "@health/platform/privacy";
import { abortSaga, collectingSagaContext, type SagaDefinition } from "@health/platform/saga";
import type { TradeTx } from "../db.ts";
import { asTradeTx, type OrderPaymentData } from "../domain/orders/paymentSaga.ts";
import { OrderStatus } from "../domain/orders/stateMachine.ts";
import { publishOrderCancelled } from "../events/orderEvents.ts";

/** Why an erased customer's waiting orders ended (order_cancelled's reason, the order's cancel reason). */
export const ERASED_CUSTOMER_REASON = "its customer's account was erased";

/**
 * Ends the customer's orders that are waiting (CREATED: its payment saga is aborted, which cancels it;
 * OPEN: cancelled here), each with order_cancelled so finance releases what it holds: no coach can grab
 * an erased person's order. Their push to subscribers is not sent (it would name the order to nobody
 * who is still there); the orders' own events are.
 */
async function cancelWaitingOrders(
  tx: TradeTx,
  orderPayment: SagaDefinition<OrderPaymentData>,
  userId: string,
  now: Date,
): Promise<void> {
  const { ctx } = collectingSagaContext(tx, now);
  const waiting = await tx.serviceOrder.findMany({
    where: { customerId: userId, status: { in: [OrderStatus.CREATED, OrderStatus.OPEN] } },
    select: { id: true, status: true },
  });
  for (const order of waiting) {
    if (order.status === OrderStatus.CREATED) {
      if (await abortSaga(orderPayment, ctx, order.id, ERASED_CUSTOMER_REASON)) continue;
    }
    const { count } = await tx.serviceOrder.updateMany({
      where: { id: order.id, status: order.status },
      data: { status: OrderStatus.CANCELLED, cancelledAt: now, cancelReason: ERASED_CUSTOMER_REASON },
    });
    if (count === 0) continue;
    const cancelled = await tx.serviceOrder.findUniqueOrThrow({ where: { id: order.id } });
    await publishOrderCancelled(tx, cancelled, ERASED_CUSTOMER_REASON, null, now);
  }
}

/**
 * Erases `subject` from trade per TRADE_TABLES (policy.ts), in the consumer's transaction. Idempotent:
 * a second run finds nothing under the person's id and counts zeros.
 */
export async function eraseTrade(
  executor: SqlExecutor,
  subject: ErasedSubject,
  orderPayment: SagaDefinition<OrderPaymentData>,
  now = new Date(),
): Promise<ErasedTable[]> {
  // First: it waits for a late event's handler in flight (its shared lock) and turns away those after.
  await rememberErasure(executor, subject.userId);
  const tx = asTradeTx(executor);
  const { userId, tombstoneId } = subject;
  await cancelWaitingOrders(tx, orderPayment, userId, now);
  // First: a refused attempt on their own order (SELF_GRAB) is not someone else taking part.
  const attempts = await tx.grabRequest.deleteMany({ where: { coachId: userId } });
  // Orders nobody else took part in: no coach ever assigned, no other coach's attempt on record.
  const untouched = await tx.serviceOrder.deleteMany({
    where: {
      customerId: userId,
      coachId: null,
      status: { in: [OrderStatus.CANCELLED, OrderStatus.EXPIRED] },
      grabRequests: { none: {} },
    },
  });
  const asCustomer = await tx.serviceOrder.updateMany({
    where: { customerId: userId },
    data: { customerId: tombstoneId, description: "", disputeReason: null },
  });
  const asCoach = await tx.serviceOrder.updateMany({
    where: { coachId: userId },
    data: { coachId: tombstoneId },
  });
  const slotsAsCustomer = await tx.appointment.updateMany({
    where: { customerId: userId },
    data: { customerId: tombstoneId },
  });
  const slotsAsCoach = await tx.appointment.updateMany({
    where: { coachId: userId },
    data: { coachId: tombstoneId },
  });
  const offerings = await tx.serviceOffering.deleteMany({ where: { coachId: userId } });
  const profiles = await tx.coachProfile.deleteMany({ where: { coachId: userId } });
  const levels = await tx.coachLevel.deleteMany({ where: { coachId: userId } });
  return [
    { table: "service_orders", action: "DELETED", rows: untouched.count },
    { table: "service_orders", action: "TOMBSTONED", rows: asCustomer.count + asCoach.count },
    { table: "appointments", action: "TOMBSTONED", rows: slotsAsCustomer.count + slotsAsCoach.count },
    { table: "grab_requests", action: "DELETED", rows: attempts.count },
    { table: "service_offerings", action: "DELETED", rows: offerings.count },
    { table: "coach_profiles", action: "DELETED", rows: profiles.count },
    { table: "coach_levels", action: "DELETED", rows: levels.count },
  ];
}
