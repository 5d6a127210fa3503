import type { PubSub } from "type-graphql";
import type { ServiceOrder } from "../../generated/prisma/client.ts";

/** `orderAvailable`: one subject for every new OPEN order; each subscriber filters by its coach's rules. */
export const ORDER_AVAILABLE = "trade.order_available";
/** `orderUpdated`: one subject per order, `trade.order_updated.<orderId>`. */
export const ORDER_UPDATED = "trade.order_updated";

const DATE_FIELDS = [
  "grabDeadline",
  "preferredStart",
  "createdAt",
  "updatedAt",
  "assignedAt",
  "startedAt",
  "completedByCoachAt",
  "confirmationDeadline",
  "disputedAt",
  "completedAt",
  "cancelledAt",
  "expiredAt",
] as const;
type DateField = (typeof DATE_FIELDS)[number];

/** An order as it travels to subscribers (JSON: times as ISO strings). */
export type OrderSnapshot = Omit<ServiceOrder, DateField> & { [K in DateField]: string | null };

export const snapshotOf = (order: ServiceOrder): OrderSnapshot => {
  const snapshot = { ...order } as unknown as Record<string, unknown>;
  for (const field of DATE_FIELDS) snapshot[field] = order[field]?.toISOString() ?? null;
  return snapshot as OrderSnapshot;
};

export const orderOf = (snapshot: OrderSnapshot): ServiceOrder => {
  const order = { ...snapshot } as unknown as Record<string, unknown>;
  for (const field of DATE_FIELDS) order[field] = snapshot[field] ? new Date(snapshot[field]) : null;
  return order as unknown as ServiceOrder;
};

/** A grab notification: `id` is the order's order_created event id (UUIDv7), the client's resume point. */
export interface OrderAvailableMessage {
  id: string;
  order: OrderSnapshot;
}

export interface OrderUpdatedMessage {
  order: OrderSnapshot;
}

/** Tells matching coaches about a new OPEN order. Call only after its transaction committed. */
export function announceOrderAvailable(pubSub: PubSub, notificationId: string, order: ServiceOrder): void {
  const message: OrderAvailableMessage = { id: notificationId, order: snapshotOf(order) };
  pubSub.publish(ORDER_AVAILABLE, message);
}

/** Tells the order's subscribers its new state. Call only after its transaction committed. */
export function announceOrderUpdated(pubSub: PubSub, order: ServiceOrder): void {
  const message: OrderUpdatedMessage = { order: snapshotOf(order) };
  pubSub.publish(ORDER_UPDATED, order.id, message);
}
