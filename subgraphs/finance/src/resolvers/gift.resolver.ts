import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { FinanceContext } from "../context.ts";
import { createGift, giftsFor, MAX_CATALOGUE, updateGift } from "../domain/gifts/catalogue.ts";
import { GIFT_ORDERS_PAGE, giftOrdersOf } from "../domain/gifts/queries.ts";
import { sendGift } from "../domain/gifts/send.ts";
import { CreateGiftInput, SendGiftInput, UpdateGiftInput } from "../model/gift.inputs.ts";
import {
  Gift,
  GiftOrder,
  GiftOrderConnection,
  toGift,
  toGiftOrder,
  toGiftOrderConnection,
} from "../model/gift.ts";

const PAGE = { defaultValue: GIFT_ORDERS_PAGE.defaultSize, description: "1–100" };

/** Gifts (M15): the catalogue (admins manage it), sending one to a coach, and the lists of gifts sent. */
@Resolver(() => Gift)
export class GiftResolver {
  // Not paged (a catalogue is short): the router costs it at its cap.
  @Directive(`@listSize(assumedSize: ${MAX_CATALOGUE})`)
  @Query(() => [Gift], {
    description: "The gift catalogue, cheapest first: the active gifts; an admin may include inactive ones.",
  })
  async gifts(
    @Ctx() ctx: FinanceContext,
    @Arg("includeInactive", () => Boolean, { defaultValue: false }) includeInactive: boolean,
  ): Promise<Gift[]> {
    return (await giftsFor(ctx.deps.db, ctx.actor, includeInactive)).map(toGift);
  }

  @Authorized("admin")
  @Mutation(() => Gift, { description: "Adds a gift to the catalogue." })
  async createGift(
    @Ctx() ctx: FinanceContext,
    @Arg("input", () => CreateGiftInput) input: CreateGiftInput,
  ): Promise<Gift> {
    return toGift(await createGift(ctx.deps.db, actorOf(ctx), input));
  }

  @Authorized("admin")
  @Mutation(() => Gift, { description: "Changes a gift: its name, icon, price, or whether it is offered." })
  async updateGift(
    @Ctx() ctx: FinanceContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateGiftInput) input: UpdateGiftInput,
  ): Promise<Gift> {
    return toGift(await updateGift(ctx.deps.db, actorOf(ctx), id, input));
  }

  @Authorized()
  @Mutation(() => GiftOrder, {
    description:
      "Sends a gift to a coach, paid in the caller's points (the seed's POST /gifts/purchase). CONFLICT \"Too few points\" moves nothing. Idempotent by input.idempotencyKey.",
  })
  async sendGift(
    @Ctx() ctx: FinanceContext,
    @Arg("input", () => SendGiftInput) input: SendGiftInput,
  ): Promise<GiftOrder> {
    const order = await sendGift(
      ctx.deps.db,
      actorOf(ctx),
      input,
      ctx.deps.rates.giftCoachShareBps,
      new Date(),
    );
    return toGiftOrder(order);
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => GiftOrderConnection, {
    description: "The gifts the caller (a coach) received, newest first; an admin may name a recipient.",
  })
  async giftsReceived(
    @Ctx() ctx: FinanceContext,
    @Arg("recipientId", () => ID, { nullable: true }) recipientId: string | null,
    @Arg("first", () => Int, PAGE) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<GiftOrderConnection> {
    const page = await giftOrdersOf(ctx.deps.db, actorOf(ctx), "recipientId", {
      userId: recipientId,
      first,
      after,
    });
    return toGiftOrderConnection(page);
  }

  @Authorized()
  @ListSizedByFirst({ connection: true })
  @Query(() => GiftOrderConnection, {
    description: "The gifts the caller sent, newest first; an admin may name a sender.",
  })
  async giftsSent(
    @Ctx() ctx: FinanceContext,
    @Arg("senderId", () => ID, { nullable: true }) senderId: string | null,
    @Arg("first", () => Int, PAGE) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<GiftOrderConnection> {
    const page = await giftOrdersOf(ctx.deps.db, actorOf(ctx), "senderId", {
      userId: senderId,
      first,
      after,
    });
    return toGiftOrderConnection(page);
  }
}
