import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { EcContext } from "../context.ts";
import { createProductCategory, listProductCategories } from "../domain/products/categories.ts";
import { CreateProductCategoryInput } from "../model/productCategory.inputs.ts";
import { ProductCategory, toProductCategory } from "../model/productCategory.ts";

@Resolver(() => ProductCategory)
export class ProductCategoryResolver {
  @Query(() => [ProductCategory], { description: "Every product category, by name (anyone)." })
  async productCategories(@Ctx() ctx: EcContext): Promise<ProductCategory[]> {
    return (await listProductCategories(ctx.deps.db)).map(toProductCategory);
  }

  @Authorized("admin")
  @Mutation(() => ProductCategory, { description: "Adds a product category; names are unique (admins)." })
  async createProductCategory(
    @Ctx() ctx: EcContext,
    @Arg("input", () => CreateProductCategoryInput) input: CreateProductCategoryInput,
  ): Promise<ProductCategory> {
    return toProductCategory(await createProductCategory(ctx.deps.db, input));
  }
}
