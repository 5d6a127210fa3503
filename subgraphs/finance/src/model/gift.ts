import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { GiftOrderView, GiftView } from "../domain/gifts/giftViews.ts";
import { User } from "./user.ts";

@ObjectType({ description: "A gift in the catalogue (M15), priced in points." })
export class Gift {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "An http(s) URL of its icon." })
  iconUrl!: string;

  @Field(() => Int, { description: "Points per gift." })
  pricePoints!: number;

  @Field(() => Boolean, { description: "Only an active gift can be sent; the catalogue lists only these." })
  active!: boolean;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toGift = (view: GiftView): Gift => ({
  ...view,
  createdAt: new Date(view.createdAt),
  updatedAt: new Date(view.updatedAt),
});

@ObjectType({
  description:
    "A gift sent (the seed's gift order): the points the sender paid, shared between the coach and the platform.",
})
export class GiftOrder {
  @Field(() => ID)
  id!: string;

  @Field(() => Gift, {
    description: "The gift, as the catalogue has it now (its price may since have changed).",
  })
  gift!: Gift;

  @Field(() => User)
  sender!: User;

  @Field(() => User, { description: "The coach who received it." })
  recipient!: User;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: "What the sender paid: the price at the time × quantity." })
  points!: number;

  @Field(() => Int, { description: "The points credited to the coach's payable." })
  coachShare!: number;

  @Field(() => Int, { description: "The points the platform kept." })
  platformShare!: number;

  @Field(() => ID, { nullable: true, description: "The live room it was sent in, if any." })
  liveRoomId!: string | null;

  @Field(() => ID, { nullable: true, description: "The order it was sent on, if any." })
  orderId!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const toGiftOrder = (view: GiftOrderView): GiftOrder => ({
  id: view.id,
  gift: toGift(view.gift),
  sender: { id: view.senderId },
  recipient: { id: view.recipientId },
  quantity: view.quantity,
  points: view.points,
  coachShare: view.coachShare,
  platformShare: view.platformShare,
  liveRoomId: view.liveRoomId,
  orderId: view.orderId,
  message: view.message,
  createdAt: new Date(view.createdAt),
});

@ObjectType()
export class GiftOrderConnection extends Connection(GiftOrder) {}

export const toGiftOrderConnection = (page: Page<GiftOrderView>): GiftOrderConnection =>
  toConnection(page, toGiftOrder);
