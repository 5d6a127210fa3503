import { AppError, ErrorCode } from "@health/platform/errors";
import { ShopOrderStatus } from "../../generated/prisma/enums.ts";

/**
 * A shop order's life (the README draws it): RESERVED (stock held, awaiting payment) → PAID → FULFILLED
 * → DELIVERED; RESERVED → EXPIRED once its reservation window passed unpaid, or CANCELLED by its buyer.
 * Both give the stock back. PAID → CANCELLED (with a refund) waits for finance's payment saga (issue 19),
 * so it is not a legal move yet.
 */
export const SHOP_ORDER_TRANSITIONS: Readonly<Record<ShopOrderStatus, readonly ShopOrderStatus[]>> = {
  [ShopOrderStatus.RESERVED]: [ShopOrderStatus.PAID, ShopOrderStatus.EXPIRED, ShopOrderStatus.CANCELLED],
  [ShopOrderStatus.PAID]: [ShopOrderStatus.FULFILLED],
  [ShopOrderStatus.FULFILLED]: [ShopOrderStatus.DELIVERED],
  [ShopOrderStatus.DELIVERED]: [],
  [ShopOrderStatus.EXPIRED]: [],
  [ShopOrderStatus.CANCELLED]: [],
};

/** The states that hold stock: leaving one for EXPIRED or CANCELLED gives the stock back. */
export const HOLDS_STOCK: readonly ShopOrderStatus[] = [ShopOrderStatus.RESERVED];

export const isTerminal = (status: ShopOrderStatus): boolean => SHOP_ORDER_TRANSITIONS[status].length === 0;

export const canTransition = (from: ShopOrderStatus, to: ShopOrderStatus): boolean =>
  SHOP_ORDER_TRANSITIONS[from].includes(to);

/** CONFLICT naming the state the order is in, in the message and in `extensions.currentState`. */
export function illegalTransition(orderId: string, from: ShopOrderStatus, to: ShopOrderStatus): AppError {
  const allowed = SHOP_ORDER_TRANSITIONS[from];
  const next = allowed.length > 0 ? `it can only go to ${allowed.join(" or ")}` : "it is final";
  return new AppError(
    ErrorCode.CONFLICT,
    `Shop order ${orderId} is ${from}: it cannot become ${to} (${next}).`,
    { details: { currentState: from } },
  );
}

/** The new status, or CONFLICT with `currentState` when the move is illegal. */
export function transition(orderId: string, from: ShopOrderStatus, to: ShopOrderStatus): ShopOrderStatus {
  if (!canTransition(from, to)) throw illegalTransition(orderId, from, to);
  return to;
}

/** When a reservation placed at `placedAt` lapses unless paid. */
export const reservationDeadline = (placedAt: Date, windowMs: number): Date =>
  new Date(placedAt.getTime() + windowMs);

/** Whether an order reserved until `reservedUntil` is overdue at `now` (at the deadline, not before). */
export const isReservationOverdue = (reservedUntil: Date, now: Date): boolean =>
  reservedUntil.getTime() <= now.getTime();
