import { stateMachine } from "@health/platform/stateMachine";
import { ShopOrderStatus } from "../../generated/prisma/enums.ts";

/**
 * A shop order's life (the README draws it): RESERVED (stock held, awaiting payment) → PAID → FULFILLED
 * → DELIVERED; RESERVED → EXPIRED once its reservation window passed unpaid, or CANCELLED by its buyer.
 * Both give the stock back. RESERVED → PAID when finance took the payment (the payment saga); PAID →
 * CANCELLED by its buyer before it is fulfilled gives the stock back and has finance refund it.
 */
const shopOrderStateMachine = stateMachine<ShopOrderStatus>("Shop order", {
  [ShopOrderStatus.RESERVED]: [ShopOrderStatus.PAID, ShopOrderStatus.EXPIRED, ShopOrderStatus.CANCELLED],
  [ShopOrderStatus.PAID]: [ShopOrderStatus.FULFILLED, ShopOrderStatus.CANCELLED],
  [ShopOrderStatus.FULFILLED]: [ShopOrderStatus.DELIVERED],
  [ShopOrderStatus.DELIVERED]: [],
  [ShopOrderStatus.EXPIRED]: [],
  [ShopOrderStatus.CANCELLED]: [],
});

export const {
  transitions: SHOP_ORDER_TRANSITIONS,
  isTerminal,
  canTransition,
  illegalTransition,
  transition,
} = shopOrderStateMachine;

/** When a reservation placed at `placedAt` lapses unless paid. */
export const reservationDeadline = (placedAt: Date, windowMs: number): Date =>
  new Date(placedAt.getTime() + windowMs);

/** Whether an order reserved until `reservedUntil` is overdue at `now` (at the deadline, not before). */
export const isReservationOverdue = (reservedUntil: Date, now: Date): boolean =>
  reservedUntil.getTime() <= now.getTime();
