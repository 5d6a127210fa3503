import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A gift for the catalogue." })
export class CreateGiftInput {
  @Field(() => String, { description: "1–50 characters." })
  name!: string;

  @Field(() => String, { description: "An http(s) URL of its icon." })
  iconUrl!: string;

  @Field(() => Int, { description: "Points per gift, 1–1,000,000." })
  pricePoints!: number;

  @Field(() => Boolean, { nullable: true, description: "Default true: offered at once." })
  active?: boolean | null;
}

@InputType({ description: "What to change of a gift; omitted fields stay as they are." })
export class UpdateGiftInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  iconUrl?: string | null;

  @Field(() => Int, { nullable: true, description: "Applies to gifts sent from now on." })
  pricePoints?: number | null;

  @Field(() => Boolean, { nullable: true, description: "false stops it being offered and sent." })
  active?: boolean | null;
}

@InputType({ description: "A gift to send to a coach (the seed's POST /gifts/purchase)." })
export class SendGiftInput {
  @Field(() => ID)
  giftId!: string;

  @Field(() => ID, { description: "The coach who receives it; not yourself." })
  recipientId!: string;

  @Field(() => Int, { defaultValue: 1, description: "1–99." })
  quantity!: number;

  @Field(() => ID, { nullable: true, description: "The live room it is sent in (or orderId, not both)." })
  liveRoomId?: string | null;

  @Field(() => ID, { nullable: true, description: "The order it is sent on (or liveRoomId, not both)." })
  orderId?: string | null;

  @Field(() => String, { nullable: true, description: "At most 200 characters." })
  message?: string | null;

  @Field(() => String, {
    description:
      "Unique per gift you mean to send once: a retry with it gets the first answer, with no second charge.",
  })
  idempotencyKey!: string;
}
