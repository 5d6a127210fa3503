import type { SqlExecutor } from "@health/platform/events";
import { postgresSearchIndex, type SearchIndex } from "@health/platform/search";

/**
 * Products' full-text index: name (weight A) and description (B) into `products.search_vector`.
 * Build it on the transaction client that writes the product, so the vector commits with the row.
 */
export const productSearchIndex = (client: SqlExecutor): SearchIndex =>
  postgresSearchIndex(client, {
    table: "products",
    vector: "search_vector",
    fields: { name: { column: "name", weight: "A" }, description: { column: "description", weight: "B" } },
    filters: { categoryId: "category_id", status: "status" },
  });

/** What is searchable of a product. */
export const productDocument = (product: { id: string; name: string; description: string }) => ({
  id: product.id,
  fields: { name: product.name, description: product.description },
});
