import { badInput, conflict } from "@health/platform/errors";
import { requiredText } from "@health/platform/graphql";
import { isUniqueViolation } from "@health/platform/prisma";
import type { EcDb, EcTx } from "../../db.ts";
import type { ProductCategory } from "../../generated/prisma/client.ts";

export async function createProductCategory(db: EcDb, input: { name: string }): Promise<ProductCategory> {
  const name = requiredText(input.name, "input.name", 64);
  try {
    return await db.productCategory.create({ data: { name } });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`A product category named "${name}" exists already.`);
    throw error;
  }
}

/** Every category, by name (a short list: the mall's shelves). */
export const listProductCategories = (db: EcDb): Promise<ProductCategory[]> =>
  db.productCategory.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }] });

/** Refuses a category id that names no category, as BAD_USER_INPUT on `field`. */
export async function assertCategoryExists(tx: EcTx, categoryId: string, field: string): Promise<void> {
  const found = await tx.productCategory.findUnique({ where: { id: categoryId }, select: { id: true } });
  if (!found) throw badInput(field, `${field}: there is no product category ${categoryId}.`);
}
