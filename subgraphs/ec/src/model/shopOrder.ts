import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ShopOrderRow } from "../domain/shopOrders/shopOrders.ts";
import { ShopOrderStatus } from "../generated/prisma/enums.ts";
import { Sku, toSku } from "./sku.ts";
import { User } from "./user.ts";

registerEnumType(ShopOrderStatus, {
  name: "ShopOrderStatus",
  description:
    "RESERVED (stock held until `reservedUntil`, awaiting payment) → PAID → FULFILLED → DELIVERED; EXPIRED (not paid in time) or CANCELLED (by the buyer) give the stock back.",
});

@ObjectType({ description: "One line of a shop order." })
export class ShopOrderItem {
  @Field(() => Sku)
  sku!: Sku;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: "The SKU's price when the order was placed, in the smallest unit." })
  unitPriceAmount!: number;
}

@ObjectType({ description: "A buyer's order in the mall (M09): its stock is reserved when placed." })
export class ShopOrder {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  buyer!: User;

  @Field(() => ShopOrderStatus)
  status!: ShopOrderStatus;

  @Field(() => [ShopOrderItem])
  items!: ShopOrderItem[];

  @Field(() => Int, { description: "The sum of the lines, in the currency's smallest unit (fen for CNY)." })
  totalAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => Date, { description: "Unpaid by then, a RESERVED order expires and its stock comes back." })
  reservedUntil!: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "Why it ended unpaid or was cancelled (its payment was declined, the window passed, its buyer).",
  })
  cancelReason!: string | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toShopOrder = (row: ShopOrderRow): ShopOrder => ({
  id: row.id,
  buyer: { id: row.buyerId },
  status: row.status,
  items: row.items.map((item) => ({
    sku: toSku(item.sku),
    quantity: item.quantity,
    unitPriceAmount: item.unitPriceAmount,
  })),
  totalAmount: row.totalAmount,
  currency: row.currency,
  reservedUntil: row.reservedUntil,
  cancelReason: row.cancelReason,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@ObjectType()
export class ShopOrderConnection extends Connection(ShopOrder) {}

export const toShopOrderConnection = (page: Page<ShopOrderRow>): ShopOrderConnection =>
  toConnection(page, toShopOrder);
