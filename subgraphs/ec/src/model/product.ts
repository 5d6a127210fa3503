import { Connection, toConnection } from "@health/platform/graphql";
import type { Page } from "@health/platform/pagination";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { ProductListItem, ProductRow } from "../domain/products/products.ts";
import { ProductStatus } from "../generated/prisma/enums.ts";
import { ProductHighlight } from "./highlight.ts";
import { ProductCategory, toProductCategory } from "./productCategory.ts";
import { Sku, toSku } from "./sku.ts";

registerEnumType(ProductStatus, {
  name: "ProductStatus",
  description: "DRAFT (admins only), ACTIVE (on sale), ARCHIVED (off sale; admins only).",
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "Something the mall sells (M09), in one or more SKUs." })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => ProductCategory)
  category!: ProductCategory;

  @Field(() => ProductStatus)
  status!: ProductStatus;

  @Field(() => [Sku])
  skus!: Sku[];

  @Field(() => ProductHighlight, {
    nullable: true,
    description: "With `products(search:)`, what matched; null otherwise.",
  })
  highlight!: ProductHighlight | null;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

export const toProduct = (row: ProductRow, highlight: ProductHighlight | null = null): Product => ({
  id: row.id,
  name: row.name,
  description: row.description,
  category: toProductCategory(row.category),
  status: row.status,
  skus: row.skus.map(toSku),
  highlight,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@ObjectType()
export class ProductConnection extends Connection(Product) {}

const toListedProduct = ({ product, snippets }: ProductListItem): Product =>
  toProduct(
    product,
    snippets ? { name: snippets.name ?? null, description: snippets.description ?? null } : null,
  );

export const toProductConnection = (page: Page<ProductListItem>): ProductConnection =>
  toConnection(page, toListedProduct);
