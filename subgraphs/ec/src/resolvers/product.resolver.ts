import { actorOf } from "@health/platform/auth";
import { ListSizedByFirst } from "@health/platform/pagination";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { EcContext } from "../context.ts";
import { createProduct, listProducts, productById, updateProduct } from "../domain/products/products.ts";
import { CreateProductInput, UpdateProductInput } from "../model/product.inputs.ts";
import { Product, ProductConnection, toProduct, toProductConnection } from "../model/product.ts";

@Resolver(() => Product)
export class ProductResolver {
  /** GET /products */
  @ListSizedByFirst({ connection: true, assumedSize: 20 })
  @Query(() => ProductConnection, {
    description:
      "Products on sale (anyone): newest first, or with `search` (Chinese or English, over names and descriptions) most relevant first, each with its `highlight`.",
  })
  async products(
    @Ctx() ctx: EcContext,
    @Arg("first", () => Int, { nullable: true, description: "1–100; 20 when omitted." }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("categoryId", () => ID, { nullable: true }) categoryId: string | null,
    @Arg("search", () => String, {
      nullable: true,
      description: "Words to find, all of them; 1–200 characters.",
    })
    search: string | null,
  ): Promise<ProductConnection> {
    return toProductConnection(await listProducts(ctx.deps.db, { first, after, categoryId, search }));
  }

  @Query(() => Product, { description: "A product on sale (anyone), or any product (admins)." })
  async product(@Ctx() ctx: EcContext, @Arg("id", () => ID) id: string): Promise<Product> {
    return toProduct(await productById(ctx.deps.db, ctx.actor, id));
  }

  @Authorized("admin")
  @Mutation(() => Product, { description: "Adds a product with its SKUs, searchable at once (admins)." })
  async createProduct(
    @Ctx() ctx: EcContext,
    @Arg("input", () => CreateProductInput) input: CreateProductInput,
  ): Promise<Product> {
    return toProduct(await createProduct(ctx.deps.db, actorOf(ctx), input));
  }

  @Authorized("admin")
  @Mutation(() => Product, {
    description: "Changes a product's name, description, category or status (admins).",
  })
  async updateProduct(
    @Ctx() ctx: EcContext,
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateProductInput) input: UpdateProductInput,
  ): Promise<Product> {
    return toProduct(await updateProduct(ctx.deps.db, actorOf(ctx), id, input));
  }
}
