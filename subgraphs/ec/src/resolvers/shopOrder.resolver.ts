import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { EcContext } from "../context.ts";
import { advanceShopOrder } from "../domain/shopOrders/fulfilment.ts";
import {
  cancelShopOrder,
  listShopOrders,
  placeShopOrder,
  readShopOrder,
} from "../domain/shopOrders/shopOrders.ts";
import { PlaceShopOrderInput } from "../model/shopOrder.inputs.ts";
import { ShopOrder, ShopOrderConnection, toShopOrder, toShopOrderConnection } from "../model/shopOrder.ts";

@Resolver(() => ShopOrder)
export class ShopOrderResolver {
  @Authorized()
  @Query(() => ShopOrder, { description: "For its buyer or an admin." })
  async shopOrder(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<ShopOrder> {
    return toShopOrder(await readShopOrder(ctx.deps.db, actorOf(ctx), id));
  }

  @Authorized()
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ShopOrderConnection, {
    description: "The caller's shop orders, newest first; admins may ask for another buyer's.",
  })
  async shopOrders(
    @Ctx() ctx: EcContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("buyerId", () => ID, { nullable: true, description: "Admins only; the caller when omitted." })
    buyerId: string | null,
  ): Promise<ShopOrderConnection> {
    return toShopOrderConnection(await listShopOrders(ctx.deps.db, actorOf(ctx), { first, after, buyerId }));
  }

  /** POST /orders */
  @Authorized()
  @Mutation(() => ShopOrder, {
    description:
      "Places an order and reserves its stock until `reservedUntil` (CONFLICT when a line cannot be had: nothing is reserved).",
  })
  async placeShopOrder(
    @Ctx() ctx: EcContext,
    @Arg("input", () => PlaceShopOrderInput) input: PlaceShopOrderInput,
  ): Promise<ShopOrder> {
    return toShopOrder(await placeShopOrder(ctx.deps, actorOf(ctx), input, new Date()));
  }

  @Authorized()
  @Mutation(() => ShopOrder, {
    description:
      "Cancels the caller's order while RESERVED or PAID and gives its stock back; a paid one is refunded by finance.",
  })
  async cancelShopOrder(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<ShopOrder> {
    return toShopOrder(await cancelShopOrder(ctx.deps, actorOf(ctx), id, new Date()));
  }

  @Authorized("admin")
  @Mutation(() => ShopOrder, { description: "Admins: a PAID order has shipped (FULFILLED)." })
  async fulfillShopOrder(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<ShopOrder> {
    return toShopOrder(await advanceShopOrder(ctx.deps.db, actorOf(ctx), id, "FULFILLED", new Date()));
  }

  @Authorized("admin")
  @Mutation(() => ShopOrder, { description: "Admins: a FULFILLED order reached its buyer (DELIVERED)." })
  async markShopOrderDelivered(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<ShopOrder> {
    return toShopOrder(await advanceShopOrder(ctx.deps.db, actorOf(ctx), id, "DELIVERED", new Date()));
  }
}
