import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { declareVisibilityScope } from "@health/platform/server";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { TradeContext } from "../context.ts";
import { grabOrder } from "../domain/grab/grab.ts";
import { availableOrders } from "../domain/matching/availableOrders.ts";
import {
  type OrderAvailableMessage,
  type OrderUpdatedMessage,
  orderOf,
} from "../domain/notifications/notifications.ts";
import {
  ORDER_UPDATED_SCOPE,
  openOrderAvailableStream,
  openOrderUpdatedStream,
  orderAvailableScope,
} from "../domain/notifications/streams.ts";
import { confirmOrderCompletion, disputeOrder } from "../domain/orders/completion.ts";
import { createServiceOrder, myOrders, readOrder, updateOrderStatus } from "../domain/orders/orders.ts";
import { OrderStatus } from "../domain/orders/stateMachine.ts";
import { CreateServiceOrderInput } from "../model/serviceOrder.inputs.ts";
import {
  OrderNotification,
  ServiceOrder,
  ServiceOrderConnection,
  toServiceOrder,
  toServiceOrderConnection,
} from "../model/serviceOrder.ts";

interface SubscribeData<TArgs> {
  args: TArgs;
  context: TradeContext;
}

@Resolver(() => ServiceOrder)
export class ServiceOrderResolver {
  @Authorized()
  @Query(() => ServiceOrder, { description: "For its customer, its assigned coach or an admin." })
  async serviceOrder(@Ctx() ctx: TradeContext, @Arg("id", () => ID) id: string): Promise<ServiceOrder> {
    return toServiceOrder(await readOrder(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ServiceOrderConnection, {
    description: "The caller's orders, as customer or as assigned coach, newest first.",
  })
  async myOrders(
    @Ctx() ctx: TradeContext,
    @Arg("status", () => OrderStatus, { nullable: true }) status: OrderStatus | null,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ServiceOrderConnection> {
    return toServiceOrderConnection(await myOrders(ctx.deps.db, actorOf(ctx), { status, first, after }));
  }

  /** GET /matching/available-orders */
  @Authorized("coach")
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ServiceOrderConnection, {
    description: "OPEN orders the calling coach could grab now (rules match, under capacity), newest first.",
  })
  async availableOrders(
    @Ctx() ctx: TradeContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<ServiceOrderConnection> {
    const page = await availableOrders(ctx.deps.db, actorOf(ctx), { first, after }, new Date());
    return toServiceOrderConnection(page);
  }

  /** POST /service-orders */
  @Authorized()
  @Mutation(() => ServiceOrder, {
    description: "Creates an order and opens it for grabbing (order_created).",
  })
  async createServiceOrder(
    @Ctx() ctx: TradeContext,
    @Arg("input", () => CreateServiceOrderInput) input: CreateServiceOrderInput,
  ): Promise<ServiceOrder> {
    return toServiceOrder(await createServiceOrder(ctx.deps, actorOf(ctx), input, new Date()));
  }

  /** POST /grab-orders */
  @Authorized("coach")
  @Mutation(() => ServiceOrder, {
    description:
      "Takes an OPEN order; exactly one coach wins. Losers get CONFLICT with extensions.currentState.",
  })
  async grabOrder(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
  ): Promise<ServiceOrder> {
    return toServiceOrder(await grabOrder(ctx.deps, actorOf(ctx), orderId, new Date()));
  }

  /** PUT /orders/{id}/status */
  @Authorized()
  @Mutation(() => ServiceOrder, {
    description:
      "The customer cancels (CANCELLED) and confirms (COMPLETED); the assigned coach starts (IN_SERVICE) and marks the service done (AWAITING_CONFIRMATION); a DISPUTED order is an admin's.",
  })
  async updateOrderStatus(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
    @Arg("status", () => OrderStatus) status: OrderStatus,
  ): Promise<ServiceOrder> {
    return toServiceOrder(await updateOrderStatus(ctx.deps, actorOf(ctx), orderId, status, new Date()));
  }

  @Authorized()
  @Mutation(() => ServiceOrder, { description: "The customer cancels a CREATED, OPEN or ASSIGNED order." })
  async cancelOrder(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
  ): Promise<ServiceOrder> {
    const order = await updateOrderStatus(ctx.deps, actorOf(ctx), orderId, OrderStatus.CANCELLED, new Date());
    return toServiceOrder(order);
  }

  @Authorized()
  @Mutation(() => ServiceOrder, {
    description:
      "The customer confirms the service the coach marked done: AWAITING_CONFIRMATION → COMPLETED (service_completed).",
  })
  async confirmOrderCompletion(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
  ): Promise<ServiceOrder> {
    return toServiceOrder(await confirmOrderCompletion(ctx.deps, actorOf(ctx), orderId, new Date()));
  }

  @Authorized()
  @Mutation(() => ServiceOrder, {
    description:
      "The customer disputes the service the coach marked done, before confirmationDeadline: AWAITING_CONFIRMATION → DISPUTED, which stops it completing by itself; an operator decides.",
  })
  async disputeOrder(
    @Ctx() ctx: TradeContext,
    @Arg("orderId", () => ID) orderId: string,
    @Arg("reason", () => String, { description: "1–1000 characters, for the operator." }) reason: string,
  ): Promise<ServiceOrder> {
    return toServiceOrder(await disputeOrder(ctx.deps, actorOf(ctx), orderId, reason, new Date()));
  }

  @Authorized("coach")
  @Subscription(() => OrderNotification, {
    subscribe: async ({ args, context }: SubscribeData<{ after?: string | null }>) => {
      const actor = actorOf(context);
      const coach = await context.loaders.coachProfile.load(actor.userId);
      const after = args.after ?? null;
      const stream = await openOrderAvailableStream(context.deps, actor, coach, after, new Date(), (error) =>
        context.log.warn(
          { err: error },
          "Redis unavailable: resuming orderAvailable without the replay lease",
        ),
      );
      if (coach) declareVisibilityScope(context, orderAvailableScope(coach, after));
      return stream;
    },
    description:
      "New OPEN orders matching the calling coach's rules. With `after` (the last OrderNotification.id seen, inside the replay window), first the matching ones missed since, in order (at most 100: with more, the stream ends after them; resume again from the last), then live ones. An `after` older than the window, unknown, or too far behind is BAD_USER_INPUT with extensions.reason (REPLAY_WINDOW_EXPIRED, UNKNOWN_NOTIFICATION, REPLAY_TOO_FAR_BEHIND): re-sync with availableOrders. A second resume in flight for the same coach is RATE_LIMITED (REPLAY_IN_FLIGHT).",
  })
  orderAvailable(
    @Root() message: OrderAvailableMessage,
    @Arg("after", () => ID, { nullable: true }) _after: string | null,
  ): OrderNotification {
    return { id: message.id, order: toServiceOrder(orderOf(message.order)) };
  }

  @Authorized()
  @Subscription(() => ServiceOrder, {
    subscribe: async ({ args, context }: SubscribeData<{ orderId: string }>) => {
      const stream = await openOrderUpdatedStream(context.deps, actorOf(context), args.orderId);
      declareVisibilityScope(context, ORDER_UPDATED_SCOPE);
      return stream;
    },
    description: "Every state change of an order (the order after it), for its customer and assigned coach.",
  })
  orderUpdated(
    @Root() message: OrderUpdatedMessage,
    @Arg("orderId", () => ID) _orderId: string,
  ): ServiceOrder {
    return toServiceOrder(orderOf(message.order));
  }
}
