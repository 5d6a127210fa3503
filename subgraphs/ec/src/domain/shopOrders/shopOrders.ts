import type { Actor } from "@health/platform/auth";
import { hasRole } from "@health/platform/auth";
import { conflict, forbidden, notFound } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import type { EcDb, EcTx } from "../../db.ts";
import { publishInventoryUpdated, type StockLevel } from "../../events/ecEvents.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ShopOrderStatus } from "../../generated/prisma/enums.ts";
import { pageRequest } from "../pagination.ts";
import { canViewShopOrder, type PlaceShopOrderCommand, priceOrder, validateOrderItems } from "./rules.ts";
import { reservationDeadline, transition } from "./stateMachine.ts";
import { releaseStock, reserveStock } from "./stock.ts";

/** What shop order effects need: the database and how long a reservation waits for payment. */
export interface ShopOrderEffects {
  db: EcDb;
  reservationWindowMs: number;
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
 * the order RESERVED until `now + window`, takes the stock (conditional UPDATEs in SKU id order) and
 * writes inventory_updated per SKU. A short line is CONFLICT and nothing at all is written.
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
  return effects.db.$transaction(async (tx) => {
    // The order first, the stock last: a SKU's row stays locked only from its UPDATE to the commit.
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
    const levels = await reserveStock(tx, order.items);
    await publishLevels(tx, levels, actor.userId, now);
    return created;
  }, RESERVATION_TX);
}

/**
 * Moves a RESERVED order to EXPIRED or CANCELLED and gives its stock back, in the caller's transaction.
 * The conditional UPDATE on the status makes this happen once per order however many callers race (the
 * sweeper on several instances, the buyer cancelling): false for every caller but the one that won.
 */
async function releaseReservation(
  tx: EcTx,
  orderId: string,
  next: ShopOrderStatus,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const { count } = await tx.shopOrder.updateMany({
    where: { id: orderId, status: ShopOrderStatus.RESERVED },
    data: { status: next, updatedAt: now },
  });
  if (count === 0) return false;
  const items = await tx.shopOrderItem.findMany({ where: { orderId }, orderBy: { skuId: "asc" } });
  await publishLevels(tx, await releaseStock(tx, items), actorId, now);
  return true;
}

/** Cancels the caller's RESERVED order and gives its stock back; CONFLICT naming any other state. */
export async function cancelShopOrder(
  effects: ShopOrderEffects,
  actor: Actor,
  orderId: string,
  now: Date,
): Promise<ShopOrderRow> {
  const id = uuidArg(orderId, "id", "a shop order id");
  return effects.db.$transaction(async (tx) => {
    const order = await tx.shopOrder.findUnique({ where: { id } });
    if (!order || order.buyerId !== actor.userId) throw notFound("Shop order", id);
    transition(id, order.status, ShopOrderStatus.CANCELLED);
    if (!(await releaseReservation(tx, id, ShopOrderStatus.CANCELLED, actor.userId, now))) {
      const current = await tx.shopOrder.findUniqueOrThrow({ where: { id }, select: { status: true } });
      throw conflict(`Shop order ${id} changed meanwhile: it is now ${current.status}.`, {
        currentState: current.status,
      });
    }
    return tx.shopOrder.findUniqueOrThrow({ where: { id }, include: SHOP_ORDER_PARTS });
  }, RESERVATION_TX);
}

/** How many overdue orders one sweep reads at a time. */
export const SWEEP_BATCH = 100;

/**
 * Expires RESERVED orders whose window passed by `now` and gives their stock back, each in its own
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
        (tx) => releaseReservation(tx, id, ShopOrderStatus.EXPIRED, null, now),
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
