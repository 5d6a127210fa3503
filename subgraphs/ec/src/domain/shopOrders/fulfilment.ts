import { ecAdminActionRecordedV1 } from "@health/events/catalog";
import type { Actor } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { uuidArg } from "@health/platform/graphql";
import type { EcDb } from "../../db.ts";
import type { ShopOrderStatus } from "../../generated/prisma/enums.ts";
import { SHOP_ORDER_PARTS, type ShopOrderRow } from "./shopOrders.ts";
import { transition } from "./stateMachine.ts";

/** The moves after payment: the warehouse ships a PAID order, the carrier delivers a FULFILLED one. */
export type FulfilmentStep = typeof ShopOrderStatus.FULFILLED | typeof ShopOrderStatus.DELIVERED;

/**
 * An operator moves order `orderId` on to `next` (the resolver lets admins only). The state machine
 * decides (CONFLICT naming the current state), and the conditional UPDATE keeps a racing cancellation
 * and this from both applying.
 */
export async function advanceShopOrder(
  db: EcDb,
  operator: Pick<Actor, "userId">,
  orderId: string,
  next: FulfilmentStep,
  now: Date,
): Promise<ShopOrderRow> {
  const id = uuidArg(orderId, "id", "a shop order id");
  return db.$transaction(async (tx) => {
    const order = await tx.shopOrder.findUnique({ where: { id } });
    if (!order) throw notFound("Shop order", id);
    transition(id, order.status, next);
    const { count } = await tx.shopOrder.updateMany({
      where: { id, status: order.status },
      data: { status: next, updatedAt: now },
    });
    const after = await tx.shopOrder.findUniqueOrThrow({ where: { id }, include: SHOP_ORDER_PARTS });
    if (count === 0) {
      throw conflict(`Shop order ${id} changed meanwhile: it is now ${after.status}.`, {
        currentState: after.status,
      });
    }
    // ops's audit log (M18), committed with the move.
    await publishAdminAction(tx, ecAdminActionRecordedV1, operator, {
      action: "advance_shop_order",
      subjectType: "ShopOrder",
      subjectId: id,
      details: { from: order.status, to: next },
    });
    return after;
  });
}
