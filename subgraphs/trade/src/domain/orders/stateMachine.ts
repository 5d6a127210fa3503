import { stateMachine } from "@health/platform/stateMachine";

/**
 * A service order's life (the README draws it):
 * CREATED → OPEN → ASSIGNED → IN_SERVICE → AWAITING_CONFIRMATION → COMPLETED, CANCELLED from
 * CREATED/OPEN/ASSIGNED, EXPIRED from OPEN once its grab deadline passed. The coach only marks the
 * service done (AWAITING_CONFIRMATION); the customer confirms it (COMPLETED) or disputes it (DISPUTED),
 * and without either it completes by itself once the confirmation window passed (issue 16.5: a coach
 * alone cannot produce a completed, paid service). A DISPUTED order waits for an operator, who
 * completes or cancels it. Values equal names (GraphQL enum, Prisma enum).
 */
export const OrderStatus = {
  CREATED: "CREATED",
  OPEN: "OPEN",
  ASSIGNED: "ASSIGNED",
  IN_SERVICE: "IN_SERVICE",
  AWAITING_CONFIRMATION: "AWAITING_CONFIRMATION",
  DISPUTED: "DISPUTED",
  COMPLETED: "COMPLETED",
  CANCELLED: "CANCELLED",
  EXPIRED: "EXPIRED",
} as const;
// A const object rather than a TS enum: its literal union is the Prisma enum's type too.
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

export const ORDER_STATUSES = Object.values(OrderStatus);

/** Every legal move; anything not listed is illegal. */
const orderStateMachine = stateMachine<OrderStatus>("Order", {
  [OrderStatus.CREATED]: [OrderStatus.OPEN, OrderStatus.CANCELLED],
  [OrderStatus.OPEN]: [OrderStatus.ASSIGNED, OrderStatus.CANCELLED, OrderStatus.EXPIRED],
  [OrderStatus.ASSIGNED]: [OrderStatus.IN_SERVICE, OrderStatus.CANCELLED],
  [OrderStatus.IN_SERVICE]: [OrderStatus.AWAITING_CONFIRMATION],
  [OrderStatus.AWAITING_CONFIRMATION]: [OrderStatus.COMPLETED, OrderStatus.DISPUTED],
  [OrderStatus.DISPUTED]: [OrderStatus.COMPLETED, OrderStatus.CANCELLED],
  [OrderStatus.COMPLETED]: [],
  [OrderStatus.CANCELLED]: [],
  [OrderStatus.EXPIRED]: [],
});

export const {
  transitions: ORDER_TRANSITIONS,
  isTerminal,
  canTransition,
  illegalTransition,
  transition,
} = orderStateMachine;

/**
 * The order's open-ended states (the ones a coach's capacity counts). Not AWAITING_CONFIRMATION or
 * DISPUTED: the coach's work on those is done, and a slow customer must not block their next order.
 */
export const ACTIVE_STATUSES: readonly OrderStatus[] = [OrderStatus.ASSIGNED, OrderStatus.IN_SERVICE];

/** When an order the coach marked done at `markedDoneAt` completes by itself, unless disputed. */
export const confirmationDeadline = (markedDoneAt: Date, windowMs: number): Date =>
  new Date(markedDoneAt.getTime() + windowMs);

/** Whether the customer can still confirm or dispute (before the deadline, not at it). */
export const isConfirmationOpen = (deadline: Date | null, now: Date): boolean =>
  deadline !== null && now.getTime() < deadline.getTime();
