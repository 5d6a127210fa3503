import { randomUUID } from "node:crypto";
import { tradeAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import {
  abortSaga,
  inIdempotentSagaTransaction,
  inSagaTransaction,
  type SagaContext,
  type SagaDefinition,
  startSaga,
} from "@health/platform/saga";
import type { PubSub } from "type-graphql";
import type { TradeDb, TradeTx } from "../../db.ts";
import { publishOrderCancelled, publishServiceCompleted } from "../../events/orderEvents.ts";
import type { ServiceOrder } from "../../generated/prisma/client.ts";
import { announceOrderUpdated } from "../notifications/notifications.ts";
import { pageRequest } from "../pagination.ts";
import { type OrderPaymentData, openOrderForGrabs } from "./paymentSaga.ts";
import {
  actsAsOperator,
  type CreateServiceOrderCommand,
  canViewOrder,
  decideStatusChange,
  validateOrder,
} from "./rules.ts";
import { confirmationDeadline, OrderStatus } from "./stateMachine.ts";

/**
 * What order effects need: the database, the pub/sub that carries subscriptions after commit, how long
 * a customer has to confirm a service the coach marked done, and the order-payment saga.
 */
export interface OrderEffects {
  db: TradeDb;
  pubSub: PubSub;
  orderConfirmationWindowMs: number;
  orderPayment: SagaDefinition<OrderPaymentData>;
}

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** The timestamp columns a status sets. */
function stampFor(status: OrderStatus, now: Date, confirmationWindowMs: number): Partial<ServiceOrder> {
  switch (status) {
    case OrderStatus.ASSIGNED:
      return { assignedAt: now };
    case OrderStatus.IN_SERVICE:
      return { startedAt: now };
    case OrderStatus.AWAITING_CONFIRMATION:
      return {
        completedByCoachAt: now,
        confirmationDeadline: confirmationDeadline(now, confirmationWindowMs),
      };
    case OrderStatus.DISPUTED:
      return { disputedAt: now };
    case OrderStatus.COMPLETED:
      return { completedAt: now };
    case OrderStatus.CANCELLED:
      return { cancelledAt: now };
    case OrderStatus.EXPIRED:
      return { expiredAt: now };
    default:
      return {};
  }
}

/**
 * POST /service-orders: a customer's order, written CREATED with the start of its payment saga
 * (paymentSaga.ts) in one transaction; it opens for grabbing once finance authorized the payment, and
 * matching coaches hear of it then. A free order (price 0) has nothing to authorize and opens at once.
 * Under an idempotency key, a retry answers the order the first request created (as it is now), or the
 * first request's error, and asks for no second payment.
 */
export async function createServiceOrder(
  effects: OrderEffects,
  actor: Actor,
  input: CreateServiceOrderCommand,
  now: Date,
): Promise<ServiceOrder> {
  const valid = validateOrder(input, now);
  const create = async (tx: TradeTx, ctx: SagaContext) => {
    const id = randomUUID();
    const created = await tx.serviceOrder.create({
      data: { id, customerId: actor.userId, ...valid, status: OrderStatus.CREATED, createdAt: now },
    });
    if (created.priceAmount === 0) return (await openOrderForGrabs(ctx, effects.pubSub, id)) ?? created;
    const { customerId, priceAmount: amount, currency } = created;
    await startSaga(effects.orderPayment, ctx, id, { orderId: id, customerId, amount, currency });
    return created;
  };
  if (!input.idempotencyKey) return inSagaTransaction(effects.db, now, create);
  const id = await inIdempotentSagaTransaction(
    effects.db,
    {
      callerId: actor.userId,
      key: input.idempotencyKey,
      parameters: { operation: "createServiceOrder", ...valid },
    },
    now,
    async (tx, ctx) => (await create(tx, ctx)).id,
    { field: "input.idempotencyKey" },
  );
  return effects.db.serviceOrder.findUniqueOrThrow({ where: { id } });
}

/** A move an order's parties asked for: the status it goes to, and anything it records besides. */
export interface OrderMove {
  next: OrderStatus;
  data?: Partial<ServiceOrder>;
}

/**
 * Moves one order as `decide` (a pure rule, given the order as read) says, in one transaction with
 * service_completed when it completes. The move is re-checked by a conditional UPDATE, so two racing
 * changes cannot both apply; the loser gets CONFLICT naming the state it lost to. A dispute also needs
 * the confirmation window still open then, so it cannot land after the sweeper completed the order.
 */
export async function moveOrder(
  effects: OrderEffects,
  actor: Actor,
  orderId: string,
  decide: (order: ServiceOrder) => OrderMove,
  now: Date,
): Promise<ServiceOrder> {
  const id = uuidArg(orderId, "orderId");
  const updated = await inSagaTransaction(effects.db, now, async (tx, ctx) => {
    const order = await tx.serviceOrder.findUnique({ where: { id } });
    if (!order) throw notFound("Service order", id);
    const { next, data } = decide(order);
    const windowOpen = next === OrderStatus.DISPUTED ? { confirmationDeadline: { gt: now } } : {};
    const { count } = await tx.serviceOrder.updateMany({
      where: { id, status: order.status, ...windowOpen },
      data: { status: next, ...stampFor(next, now, effects.orderConfirmationWindowMs), ...data },
    });
    const after = await tx.serviceOrder.findUniqueOrThrow({ where: { id } });
    if (count === 0) {
      throw conflict(`Order ${id} changed meanwhile: it is now ${after.status}. Reload it and try again.`, {
        currentState: after.status,
      });
    }
    if (actsAsOperator(actor, after)) {
      // ops's audit log (M18): an operator decided this order (a dispute, say), committed with it.
      await publishAdminAction(tx, tradeAdminActionRecordedV1, actor, {
        action: "set_order_status",
        subjectType: "Order",
        subjectId: id,
        details: { from: order.status, to: next },
      });
    }
    if (next === OrderStatus.COMPLETED) await publishServiceCompleted(tx, after, actor.userId, now);
    if (next === OrderStatus.CANCELLED) {
      const by = actor.userId === after.customerId ? "its customer" : "an operator";
      await publishOrderCancelled(tx, after, `cancelled by ${by}`, actor.userId, now);
      // An order cancelled while its payment is being authorized ends its saga too.
      if (order.status === OrderStatus.CREATED) {
        await abortSaga(effects.orderPayment, ctx, id, "the order was cancelled");
      }
    }
    return after;
  });
  announceOrderUpdated(effects.pubSub, updated);
  return updated;
}

/**
 * PUT /orders/{id}/status: the customer cancels and confirms completion, the assigned coach starts and
 * marks the service done (AWAITING_CONFIRMATION), an admin may do either (rules.ts decides).
 */
export const updateOrderStatus = (
  effects: OrderEffects,
  actor: Actor,
  orderId: string,
  target: OrderStatus,
  now: Date,
): Promise<ServiceOrder> =>
  moveOrder(effects, actor, orderId, (order) => ({ next: decideStatusChange(actor, order, target) }), now);

/**
 * Marks OPEN orders whose grab deadline passed as EXPIRED, each with order_cancelled so finance releases
 * its hold (the sweeper in connect.ts calls it).
 */
export async function expireOverdueOrders(effects: OrderEffects, now: Date): Promise<ServiceOrder[]> {
  const orders = await effects.db.$transaction(async (tx) => {
    const expired = await tx.$queryRaw<Array<{ id: string }>>`
      UPDATE service_orders SET status = 'EXPIRED', expired_at = ${now}, updated_at = ${now}
       WHERE status = 'OPEN' AND grab_deadline <= ${now}
      RETURNING id::text AS id`;
    if (expired.length === 0) return [];
    const rows = await tx.serviceOrder.findMany({ where: { id: { in: expired.map((row) => row.id) } } });
    for (const order of rows) await publishOrderCancelled(tx, order, "no coach took it in time", null, now);
    return rows;
  });
  for (const order of orders) announceOrderUpdated(effects.pubSub, order);
  return orders;
}

/** One order, for its customer, its assigned coach or an admin; NOT_FOUND for anyone else. */
export async function readOrder(db: TradeDb, actor: Actor, orderId: string): Promise<ServiceOrder> {
  const id = uuidArg(orderId, "id");
  const order = await db.serviceOrder.findUnique({ where: { id } });
  if (!order || !canViewOrder(actor, order)) throw notFound("Service order", id);
  return order;
}

/** Orders by id (the `_entities` loader); unknown ids and non-uuids are null. */
export async function ordersByIds(db: TradeDb, ids: readonly string[]): Promise<Array<ServiceOrder | null>> {
  const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
  const rows = valid.length > 0 ? await db.serviceOrder.findMany({ where: { id: { in: valid } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
}

/** The caller's orders, as customer or as assigned coach, newest first. */
export async function myOrders(
  db: TradeDb,
  actor: Actor,
  args: PageArgs & { status?: OrderStatus | null },
): Promise<Page<ServiceOrder>> {
  const { size, cursor } = pageRequest(args);
  const rows = await db.serviceOrder.findMany({
    where: {
      AND: [
        { OR: [{ customerId: actor.userId }, { coachId: actor.userId }] },
        args.status ? { status: args.status } : {},
        afterCursor(cursor),
      ],
    },
    orderBy: NEWEST_FIRST,
    take: size + 1,
  });
  return toPage(rows, size, cursorOfRow);
}
