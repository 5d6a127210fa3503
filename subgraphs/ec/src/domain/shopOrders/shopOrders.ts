import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { conflict, forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import {
  abortSaga,
  inIdempotentSagaTransaction,
  inSagaTransaction,
  type SagaContext,
  type SagaDefinition,
  startSaga,
} from "@health/platform/saga";
import type { EcDb, EcTx } from "../../db.ts";
import { publishInventoryUpdated, type StockLevel } from "../../events/ecEvents.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ShopOrderStatus } from "../../generated/prisma/enums.ts";
import { pageRequest } from "../pagination.ts";
import type { ShopOrderPaymentData } from "./paymentSaga.ts";
import { releaseShopOrder } from "./release.ts";
import { canViewShopOrder, type PlaceShopOrderCommand, priceOrder, validateOrderItems } from "./rules.ts";
import { reservationDeadline, transition } from "./stateMachine.ts";
import { reserveStock } from "./stock.ts";

/**
 * What shop order effects need: the database, how long a reservation waits for payment, and the saga
 * that has finance take the payment.
 */
export interface ShopOrderEffects {
  db: EcDb;
  reservationWindowMs: number;
  shopOrderPayment: SagaDefinition<ShopOrderPaymentData>;
}

/** A shop order as every operation returns it: with its lines and their SKUs (one query, no N+1). */
export const SHOP_ORDER_PARTS = {
  items: { include: { sku: true }, orderBy: { skuId: "asc" } },
} satisfies Prisma.ShopOrderInclude;
export type ShopOrderRow = Prisma.ShopOrderGetPayload<{ include: typeof SHOP_ORDER_PARTS }>;

/**
 * A popular SKU makes orders queue on its row lock; they wait their turn for a connection and for the
 * lock rather than fail with INTERNAL (Prisma's defaults are 2 s and 5 s).
 */
const RESERVATION_TX = { maxWait: 30_000, timeout: 30_000 };

const publishLevels = async (tx: EcTx, levels: StockLevel[], actorId: string | null, now: Date) => {
  for (const level of levels) await publishInventoryUpdated(tx, level, actorId, now);
};

/**
 * POST /orders: checks the lines and prices them from the SKUs on sale, then in ONE transaction writes
 * the order RESERVED until `now + window` after taking its stock (conditional UPDATEs in SKU id order),
 * writes inventory_updated per SKU and starts the payment saga (paymentSaga.ts): it becomes PAID when
 * finance has taken the payment. A short line is CONFLICT and nothing at all is written. Under an
 * idempotency key, a retry answers the order the first request placed (as it is now), or the first
 * request's error, and reserves nothing twice.
 */
export async function placeShopOrder(
  effects: ShopOrderEffects,
  actor: Actor,
  input: PlaceShopOrderCommand,
  now: Date,
): Promise<ShopOrderRow> {
  const wanted = validateOrderItems(input);
  const skus = await effects.db.sku.findMany({
    where: { id: { in: wanted.map((item) => item.skuId) } },
    include: { product: { select: { status: true } } },
  });
  const order = priceOrder(wanted, skus);
  const reserve = (tx: EcTx, ctx: SagaContext) => reserveOrder(tx, ctx, effects, actor, order, now);
  if (!input.idempotencyKey) return inSagaTransaction(effects.db, now, reserve, RESERVATION_TX);
  const id = await inIdempotentSagaTransaction(
    effects.db,
    {
      callerId: actor.userId,
      key: input.idempotencyKey,
      parameters: {
        operation: "placeShopOrder",
        items: wanted.map(({ skuId, quantity }) => ({ skuId, quantity })),
      },
    },
    now,
    async (tx, ctx) => (await reserve(tx, ctx)).id,
    { field: "input.idempotencyKey", transaction: RESERVATION_TX },
  );
  return effects.db.shopOrder.findUniqueOrThrow({ where: { id }, include: SHOP_ORDER_PARTS });
}

/**
 * The reservation itself, in the caller's transaction. The stock first: in a rush on one SKU, a buyer
 * who comes too late is refused by the first statement (its row lock, then `stock >= q` false) and
 * writes nothing else. A winner holds the row lock while it writes its order, which only the winners
 * (as many as the stock) do.
 */
async function reserveOrder(
  tx: EcTx,
  ctx: SagaContext,
  effects: ShopOrderEffects,
  actor: Actor,
  order: ReturnType<typeof priceOrder>,
  now: Date,
): Promise<ShopOrderRow> {
  const levels = await reserveStock(tx, order.items);
  const created = await tx.shopOrder.create({
    data: {
      buyerId: actor.userId,
      status: ShopOrderStatus.RESERVED,
      totalAmount: order.totalAmount,
      currency: order.currency,
      reservedUntil: reservationDeadline(now, effects.reservationWindowMs),
      createdAt: now,
      items: {
        create: order.items.map(({ skuId, quantity, unitPriceAmount }) => ({
          skuId,
          quantity,
          unitPriceAmount,
        })),
      },
    },
    include: SHOP_ORDER_PARTS,
  });
  const { id, buyerId, totalAmount: amount, currency, reservedUntil } = created;
  const data = { shopOrderId: id, buyerId, amount, currency, reservedUntil: reservedUntil.toISOString() };
  await startSaga(effects.shopOrderPayment, ctx, id, data);
  await publishLevels(tx, levels, actor.userId, now);
  return created;
}

/**
 * Cancels the caller's order, RESERVED (its payment saga ends) or PAID (finance refunds it), and gives
 * its stock back; CONFLICT naming any other state.
 */
export async function cancelShopOrder(
  effects: ShopOrderEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ShopOrderRow> {
  const id = uuidArg(orderId, "id", "a shop order id");
  return inSagaTransaction(
    effects.db,
    now,
    async (tx, ctx) => {
      const order = await tx.shopOrder.findUnique({ where: { id } });
      if (!order || order.buyerId !== actor.userId) throw notFound("Shop order", id);
      transition(id, order.status, ShopOrderStatus.CANCELLED);
      const cancellable = [ShopOrderStatus.RESERVED, ShopOrderStatus.PAID];
      const released = await releaseShopOrder(
        tx,
        id,
        cancellable,
        ShopOrderStatus.CANCELLED,
        "cancelled by its buyer",
        actor.userId,
        now,
      );
      if (released && order.status === ShopOrderStatus.RESERVED) {
        await abortSaga(effects.shopOrderPayment, ctx, id, "the order was cancelled");
      }
      if (!released) {
        const current = await tx.shopOrder.findUniqueOrThrow({ where: { id }, select: { status: true } });
        throw conflict(`Shop order ${id} changed meanwhile: it is now ${current.status}.`, {
          currentState: current.status,
        });
      }
      return tx.shopOrder.findUniqueOrThrow({ where: { id }, include: SHOP_ORDER_PARTS });
    },
    RESERVATION_TX,
  );
}

/** How many overdue orders one sweep reads at a time. */
export const SWEEP_BATCH = 100;

/**
 * Expires RESERVED orders whose window passed by `now` and gives their stock back (finance voids or
 * refunds a payment that comes late), each in its own
 * transaction (one order's failure does not hold back the others), batch after batch until none is
 * left. Several instances may sweep at once: each order is released by exactly one of them. Returns
 * the ids this call expired.
 */
export async function expireOverdueReservations(effects: ShopOrderEffects, now: Date): Promise<string[]> {
  const expired: string[] = [];
  for (;;) {
    const overdue = await effects.db.shopOrder.findMany({
      where: { status: ShopOrderStatus.RESERVED, reservedUntil: { lte: now } },
      orderBy: { reservedUntil: "asc" },
      take: SWEEP_BATCH,
      select: { id: true },
    });
    for (const { id } of overdue) {
      const released = await effects.db.$transaction(
        (tx) =>
          releaseShopOrder(
            tx,
            id,
            [ShopOrderStatus.RESERVED],
            ShopOrderStatus.EXPIRED,
            "not paid within its reservation window",
            null,
            now,
          ),
        RESERVATION_TX,
      );
      if (released) expired.push(id);
    }
    if (overdue.length < SWEEP_BATCH) return expired;
  }
}

/** One shop order, for its buyer or an admin; NOT_FOUND for anyone else. */
export async function readShopOrder(db: EcDb, actor: Actor, orderId: string): Promise<ShopOrderRow> {
  const id = uuidArg(orderId, "id", "a shop order id");
  const order = await db.shopOrder.findUnique({ where: { id }, include: SHOP_ORDER_PARTS });
  if (!order || !canViewShopOrder(actor, order)) throw notFound("Shop order", id);
  return order;
}

export interface ShopOrderListArgs {
  first?: number | null;
  after?: string | null;
  buyerId?: string | null;
}

/** The caller's shop orders, newest first; an admin may name another buyer. */
export async function listShopOrders(
  db: EcDb,
  actor: Actor,
  args: ShopOrderListArgs,
): Promise<Page<ShopOrderRow>> {
  const buyerId = args.buyerId ? uuidArg(args.buyerId, "buyerId", "a user id") : actor.userId;
  if (buyerId !== actor.userId && !hasRole(actor, "admin")) {
    throw forbidden("Only admins can list another buyer's shop orders; omit buyerId for your own.");
  }
  const { size, cursor } = pageRequest(args);
  const rows = await db.shopOrder.findMany({
    where: { AND: [{ buyerId }, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: size + 1,
    include: SHOP_ORDER_PARTS,
  });
  return toPage(rows, size, cursorOfRow);
}
