import { accountHeld } from "@health/platform/holds";
import { type CoachRules, describeMismatch, hasCapacity, mismatchOf } from "../matching/rules.ts";
import { OrderStatus } from "../orders/stateMachine.ts";

/** What a grab decision looks at of the order. */
export interface GrabbedOrder {
  id: string;
  customerId: string;
  status: OrderStatus;
  specialty: string;
  region: string;
  minCoachLevel: number;
  grabDeadline: Date | null;
}

/** The reason stored on a `grab_requests` row that did not win. */
export type GrabRefusal =
  | "SELF_GRAB"
  | "NO_PROFILE"
  | "NOT_MATCHING"
  | "OVER_CAPACITY"
  | "EXPIRED"
  | "TAKEN"
  | "ACCOUNT_HELD";

export type GrabDecision =
  | { kind: "try" }
  | { kind: "refuse"; reason: GrabRefusal; code: "FORBIDDEN" | "CONFLICT"; message: string };

/**
 * A held coach (ops's account_held, kept in trade's `account_holds`) is refused before any other rule:
 * FORBIDDEN with `extensions.reason: ACCOUNT_HELD` and a message that says to contact support.
 */
export const HELD_REFUSAL: GrabDecision = {
  kind: "refuse",
  reason: "ACCOUNT_HELD",
  code: "FORBIDDEN",
  message: accountHeld("grab orders").message,
};

export const isPastDeadline = (order: Pick<GrabbedOrder, "grabDeadline">, now: Date): boolean =>
  order.grabDeadline !== null && order.grabDeadline.getTime() <= now.getTime();

export const takenMessage = (orderId: string, status: OrderStatus): string =>
  `Order ${orderId} was already taken (it is ${status}).`;

/**
 * Whether a coach may try to grab an order, decided from what the grab's transaction read under the
 * coach's lock. "try" is not a win: the conditional UPDATE decides that. A coach never takes their own
 * order (issue 16.5: they could complete it alone and fabricate a paid service); `trade_settle_grab`
 * refuses it too, so no race path skips this.
 */
export function decideGrab(
  order: GrabbedOrder,
  coachId: string,
  coach: CoachRules | null,
  activeOrders: number,
  now: Date,
): GrabDecision {
  if (order.customerId === coachId) {
    return {
      kind: "refuse",
      reason: "SELF_GRAB",
      code: "FORBIDDEN",
      message: `Order ${order.id} is your own: a coach cannot grab an order they placed as its customer.`,
    };
  }
  if (!coach) {
    return {
      kind: "refuse",
      reason: "NO_PROFILE",
      code: "FORBIDDEN",
      message: "Set your coach profile (setCoachProfile) before grabbing orders.",
    };
  }
  if (
    order.status === OrderStatus.EXPIRED ||
    (order.status === OrderStatus.OPEN && isPastDeadline(order, now))
  ) {
    return {
      kind: "refuse",
      reason: "EXPIRED",
      code: "CONFLICT",
      message: `Order ${order.id} is EXPIRED: its grab deadline passed.`,
    };
  }
  if (order.status !== OrderStatus.OPEN) {
    return {
      kind: "refuse",
      reason: "TAKEN",
      code: "CONFLICT",
      message: takenMessage(order.id, order.status),
    };
  }
  const mismatch = mismatchOf(order, coach);
  if (mismatch) {
    return {
      kind: "refuse",
      reason: "NOT_MATCHING",
      code: "FORBIDDEN",
      message: `Order ${order.id} does not match your coach profile: ${describeMismatch(mismatch, order, coach)}.`,
    };
  }
  if (!hasCapacity(coach, activeOrders)) {
    return {
      kind: "refuse",
      reason: "OVER_CAPACITY",
      code: "CONFLICT",
      message: `You already have ${activeOrders} active orders, your capacity (${coach.capacity}); finish one before grabbing another.`,
    };
  }
  return { kind: "try" };
}
