import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Sku as SkuRow } from "../generated/prisma/client.ts";

@ObjectType({ description: "One sellable variant of a product, with its own price and stock." })
export class Sku {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Unique across the mall." })
  code!: string;

  @Field(() => Int, { description: "In the currency's smallest unit (fen for CNY)." })
  priceAmount!: number;

  @Field(() => String, { description: "ISO 4217." })
  currency!: string;

  @Field(() => GraphQLJSONObject, { description: 'What sets it apart, e.g. {"size": "L"}.' })
  attributes!: Record<string, unknown>;

  @Field(() => Int, { description: "Units on hand, never below 0." })
  stock!: number;
}

export const toSku = (row: SkuRow): Sku => ({
  id: row.id,
  code: row.code,
  priceAmount: row.priceAmount,
  currency: row.currency,
  attributes: (row.attributes ?? {}) as Record<string, unknown>,
  stock: row.stock,
});
