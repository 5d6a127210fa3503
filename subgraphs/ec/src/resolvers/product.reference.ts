import type { EcContext } from "../context.ts";
import { canViewProduct } from "../domain/products/products.ts";
import { type Product, toProduct } from "../model/product.ts";

/** `_entities` for Product: through the per-request loader; null unless the caller may see it. */
export async function resolveProductReference(
  reference: { __typename: string } & Record<string, unknown>,
  ctx: EcContext,
): Promise<Product | null> {
  const product = await ctx.loaders.product.load(String(reference.id));
  if (!product || !canViewProduct(ctx.actor, product)) return null;
  return toProduct(product);
}
