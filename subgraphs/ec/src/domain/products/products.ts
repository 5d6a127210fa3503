import { ecAdminActionRecordedV1 } from "@health/events/catalog";
import { type Actor, hasRole } from "@health/platform/auth";
import { conflict, notFound } from "@health/platform/errors";
import { publishAdminAction } from "@health/platform/events";
import { isUuid, uuidArg } from "@health/platform/graphql";
import { afterCursor, cursorOfRow, NEWEST_FIRST, type Page, toPage } from "@health/platform/pagination";
import { isUniqueViolation } from "@health/platform/prisma";
import type { Snippet } from "@health/platform/search";
import type { EcDb } from "../../db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { ProductStatus } from "../../generated/prisma/enums.ts";
import { pageRequest } from "../pagination.ts";
import { assertCategoryExists } from "./categories.ts";
import {
  type CreateProductCommand,
  type UpdateProductCommand,
  validateNewProduct,
  validateProductChanges,
} from "./rules.ts";
import { productDocument, productSearchIndex } from "./search.ts";

/** A product as every operation returns it: with its category and its SKUs (one query, no N+1). */
export const PRODUCT_PARTS = {
  category: true,
  skus: { orderBy: { code: "asc" } },
} satisfies Prisma.ProductInclude;
export type ProductRow = Prisma.ProductGetPayload<{ include: typeof PRODUCT_PARTS }>;

/** A listed product, and with a search, where its name and description matched. */
export interface ProductListItem {
  product: ProductRow;
  snippets?: Record<string, Snippet | null>;
}

export interface ProductListArgs {
  first?: number | null;
  after?: string | null;
  categoryId?: string | null;
  search?: string | null;
}

const skuConflict = () => conflict("A SKU with one of these codes exists already; SKU codes are unique.");

/** Creates a product and its SKUs, and indexes it for search, in one transaction (admins). */
export async function createProduct(
  db: EcDb,
  admin: Pick<Actor, "userId">,
  input: CreateProductCommand,
): Promise<ProductRow> {
  const { skus, ...product } = validateNewProduct(input);
  try {
    return await db.$transaction(async (tx) => {
      await assertCategoryExists(tx, product.categoryId, "input.categoryId");
      const created = await tx.product.create({
        data: { ...product, skus: { create: skus } },
        include: PRODUCT_PARTS,
      });
      await productSearchIndex(tx).index(productDocument(created));
      // ops's audit log (M18), committed with the product.
      await publishAdminAction(tx, ecAdminActionRecordedV1, admin, {
        action: "create_product",
        subjectType: "Product",
        subjectId: created.id,
        details: { name: created.name, skus: created.skus.map((sku) => sku.code) },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw skuConflict();
    throw error;
  }
}

/** Changes a product's given fields and reindexes it, in one transaction (admins). */
export async function updateProduct(
  db: EcDb,
  admin: Pick<Actor, "userId">,
  id: string,
  input: UpdateProductCommand,
): Promise<ProductRow> {
  const productId = uuidArg(id, "id", "a product id");
  const changes = validateProductChanges(input);
  return db.$transaction(async (tx) => {
    if (!(await tx.product.findUnique({ where: { id: productId }, select: { id: true } }))) {
      throw notFound("Product", productId);
    }
    if (changes.categoryId) await assertCategoryExists(tx, changes.categoryId, "input.categoryId");
    const updated = await tx.product.update({
      where: { id: productId },
      data: changes,
      include: PRODUCT_PARTS,
    });
    await productSearchIndex(tx).index(productDocument(updated));
    await publishAdminAction(tx, ecAdminActionRecordedV1, admin, {
      action: "update_product",
      subjectType: "Product",
      subjectId: productId,
      details: { changes },
    });
    return updated;
  });
}

/** Drafts and archived products are for admins; everyone sees what is on sale. */
export const canViewProduct = (actor: Actor | null, product: { status: ProductStatus }): boolean =>
  product.status === ProductStatus.ACTIVE || hasRole(actor, "admin");

/** One product, or NOT_FOUND when it does not exist or the caller may not see it. */
export async function productById(db: EcDb, actor: Actor | null, id: string): Promise<ProductRow> {
  const productId = uuidArg(id, "id", "a product id");
  const product = await db.product.findUnique({ where: { id: productId }, include: PRODUCT_PARTS });
  if (!product || !canViewProduct(actor, product)) throw notFound("Product", productId);
  return product;
}

/** Products for `_entities`, in the order asked (null where none). */
export async function productsByIds(db: EcDb, ids: readonly string[]): Promise<(ProductRow | null)[]> {
  const valid = ids.filter(isUuid);
  const rows =
    valid.length > 0
      ? await db.product.findMany({ where: { id: { in: valid } }, include: PRODUCT_PARTS })
      : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * Products on sale, in a category if given: newest first, or with `search`, most relevant first
 * (Chinese or English, name before description) with snippets of what matched.
 */
export async function listProducts(db: EcDb, args: ProductListArgs): Promise<Page<ProductListItem>> {
  const categoryId = args.categoryId ? uuidArg(args.categoryId, "categoryId", "a product category id") : null;
  if (args.search != null) return searchProducts(db, args.search, categoryId, args);
  const { size, cursor } = pageRequest(args);
  const rows = await db.product.findMany({
    where: { AND: [{ status: ProductStatus.ACTIVE }, categoryId ? { categoryId } : {}, afterCursor(cursor)] },
    orderBy: NEWEST_FIRST,
    take: size + 1,
    include: PRODUCT_PARTS,
  });
  const page = toPage(rows, size, cursorOfRow);
  return { ...page, nodes: page.nodes.map((product) => ({ product })) };
}

async function searchProducts(
  db: EcDb,
  search: string,
  categoryId: string | null,
  args: ProductListArgs,
): Promise<Page<ProductListItem>> {
  const { size } = pageRequest({ first: args.first });
  const page = await productSearchIndex(db).search(search, {
    first: size,
    after: args.after,
    filter: { categoryId, status: ProductStatus.ACTIVE },
  });
  const rows = await productsByIds(
    db,
    page.hits.map((hit) => hit.id),
  );
  const nodes = page.hits.flatMap((hit, i) => {
    const product = rows[i];
    return product ? [{ product, snippets: hit.snippets }] : [];
  });
  return { nodes, endCursor: page.endCursor, hasNextPage: page.hasNextPage };
}
