import { Field, ID, ObjectType } from "type-graphql";
import type { ProductCategory as ProductCategoryRow } from "../generated/prisma/client.ts";

@ObjectType({ description: "A shelf of the mall: every product is in one." })
export class ProductCategory {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;
}

export const toProductCategory = (row: ProductCategoryRow): ProductCategory => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt,
});
