import type { SqlExecutor } from "@health/platform/events";
import { defineSaga, type SagaContext, type SagaDefinition, SagaStepFailed } from "@health/platform/saga";
import type { PubSub } from "type-graphql";
import type { TradeTx } from "../../db.ts";
import {
  publishOrderCancelled,
  publishOrderCreated,
  publishOrderPaymentRequested,
} from "../../events/orderEvents.ts";
import type { ServiceOrder } from "../../generated/prisma/client.ts";
import { announceOrderAvailable, announceOrderUpdated } from "../notifications/notifications.ts";
import { OrderStatus } from "./stateMachine.ts";

// The order-payment saga (the seed's OrderCreationSaga, issue 19). A new order waits in CREATED while
// finance authorizes its customer's payment; it opens for grabs once the funds are held, and is
// cancelled (finance releasing the hold on order_cancelled) when the payment is declined or not
// authorized in time. What happens later to the held payment follows the order's own events: a
// cancellation releases it (order_cancelled), a completion captures and settles it (service_completed).

export const ORDER_PAYMENT_SAGA = "order_payment";

/** The saga's data; its id is the order's. */
export interface OrderPaymentData {
  orderId: string;
  customerId: string;
  amount: number;
  currency: string;
  /** Finance's payment, once authorized. */
  paymentId?: string;
}

/** The consumer and the saga runner hand over their transaction as the raw executor; it is trade's. */
export const asTradeTx = (tx: SqlExecutor): TradeTx => tx as unknown as TradeTx;

/**
 * Opens a CREATED order for grabs, with its order_created event (whose id is the order's notification
 * id); coaches hear of it after the commit. Null when the order is no longer CREATED.
 */
export async function openOrderForGrabs(ctx: SagaContext, pubSub: PubSub, orderId: string) {
  const tx = asTradeTx(ctx.tx);
  const { count } = await tx.serviceOrder.updateMany({
    where: { id: orderId, status: OrderStatus.CREATED },
    data: { status: OrderStatus.OPEN, updatedAt: ctx.now },
  });
  if (count === 0) return null;
  const order = await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
  const envelope = await publishOrderCreated(tx, order, ctx.now);
  const opened = await tx.serviceOrder.update({
    where: { id: orderId },
    data: { notificationId: envelope.id },
  });
  ctx.afterCommit(() => {
    announceOrderAvailable(pubSub, envelope.id, opened);
    announceOrderUpdated(pubSub, opened);
  });
  return opened;
}

/**
 * Cancels an order still waiting for its payment, with order_cancelled (finance releases any hold it
 * gets). Null when the order is no longer CREATED (it opened, or its customer cancelled it already).
 */
async function cancelUnpaidOrder(
  ctx: SagaContext,
  pubSub: PubSub,
  orderId: string,
  reason: string,
): Promise<ServiceOrder | null> {
  const tx = asTradeTx(ctx.tx);
  const { count } = await tx.serviceOrder.updateMany({
    where: { id: orderId, status: OrderStatus.CREATED },
    data: { status: OrderStatus.CANCELLED, cancelledAt: ctx.now, cancelReason: reason, updatedAt: ctx.now },
  });
  if (count === 0) return null;
  const order = await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } });
  await publishOrderCancelled(tx, order, reason, null, ctx.now);
  ctx.afterCommit(() => announceOrderUpdated(pubSub, order));
  return order;
}

export interface OrderPaymentSagaOptions {
  pubSub: PubSub;
  /** How long finance has to authorize before the order is cancelled. */
  authorizationTimeoutMs: number;
}

export function orderPaymentSaga(options: OrderPaymentSagaOptions): SagaDefinition<OrderPaymentData> {
  const { pubSub } = options;
  return defineSaga<OrderPaymentData>({
    name: ORDER_PAYMENT_SAGA,
    steps: [
      {
        name: "authorize_payment",
        replyTimeoutMs: options.authorizationTimeoutMs,
        run: async (saga, { tx, now }) => {
          const { orderId: id, customerId, amount: priceAmount, currency } = saga.data;
          await publishOrderPaymentRequested(asTradeTx(tx), { id, customerId, priceAmount, currency }, now);
          return undefined;
        },
        compensate: async (saga, reason, ctx) => {
          await cancelUnpaidOrder(ctx, pubSub, saga.data.orderId, reason);
        },
      },
      {
        name: "open_order",
        run: async (saga, ctx) => {
          const opened = await openOrderForGrabs(ctx, pubSub, saga.data.orderId);
          if (!opened) throw new SagaStepFailed("the order was cancelled while its payment was authorized");
          return undefined;
        },
      },
    ],
  });
}
