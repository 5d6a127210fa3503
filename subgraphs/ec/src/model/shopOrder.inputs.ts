import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class ShopOrderItemInput {
  @Field(() => ID, { description: "A SKU of a product on sale; each SKU once per order." })
  skuId!: string;

  @Field(() => Int, { description: "1–99." })
  quantity!: number;
}

@InputType()
export class PlaceShopOrderInput {
  @Field(() => [ShopOrderItemInput], { description: "1–20 lines, all in one currency." })
  items!: ShopOrderItemInput[];

  @Field(() => String, {
    nullable: true,
    description:
      "Send one per order you mean to place (kept 24 h): a retry with it answers that order and buys nothing twice; the same key with other lines is CONFLICT.",
  })
  idempotencyKey?: string | null;
}
