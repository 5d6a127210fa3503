import { badInput } from "@health/platform/errors";
import { requiredText, uuidArg } from "@health/platform/graphql";
import { parseMoney } from "@health/platform/money";
import { ProductStatus } from "../../generated/prisma/enums.ts";

export const MAX_NAME_LENGTH = 120;
export const MAX_DESCRIPTION_LENGTH = 10_000;
export const MAX_SKUS = 50;
export const MAX_STOCK = 1_000_000_000;

export interface SkuCommand {
  code: string;
  priceAmount: number;
  currency?: string | null;
  attributes?: Record<string, unknown> | null;
  stock?: number | null;
}

export interface CreateProductCommand {
  name: string;
  description?: string | null;
  categoryId: string;
  status?: ProductStatus | null;
  skus: SkuCommand[];
}

export interface UpdateProductCommand {
  name?: string | null;
  description?: string | null;
  categoryId?: string | null;
  status?: ProductStatus | null;
}

function description(value: string | null | undefined, field: string): string {
  const trimmed = (value ?? "").trim();
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw badInput(field, `${field} must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  }
  return trimmed;
}

function stockOf(value: number | null | undefined, field: string): number {
  const stock = value ?? 0;
  if (!Number.isInteger(stock) || stock < 0 || stock > MAX_STOCK) {
    throw badInput(field, `${field} must be a whole number, 0–${MAX_STOCK}.`);
  }
  return stock;
}

/** Attributes are a flat object of strings, numbers and booleans (`{"size": "L", "count": 60}`). */
function attributesOf(value: Record<string, unknown> | null | undefined, field: string) {
  const attributes: Record<string, string | number | boolean> = {};
  for (const [key, item] of Object.entries(value ?? {})) {
    if (!["string", "number", "boolean"].includes(typeof item)) {
      throw badInput(`${field}.${key}`, `${field}.${key} must be a string, a number or a boolean.`);
    }
    attributes[key] = item as string | number | boolean;
  }
  return attributes;
}

/** One SKU of `input.skus[i]`, checked before anything is written. */
export function validateSku(sku: SkuCommand, field: string) {
  const price = parseMoney(sku.priceAmount, sku.currency, field);
  return {
    code: requiredText(sku.code, `${field}.code`, 64),
    priceAmount: price.amount,
    currency: price.currency,
    attributes: attributesOf(sku.attributes, `${field}.attributes`),
    stock: stockOf(sku.stock, `${field}.stock`),
  };
}

/** A new product with its SKUs (at least one, codes distinct), checked whole: nothing is half-written. */
export function validateNewProduct(input: CreateProductCommand, field = "input") {
  if (input.skus.length === 0 || input.skus.length > MAX_SKUS) {
    throw badInput(`${field}.skus`, `${field}.skus must hold 1–${MAX_SKUS} SKUs.`);
  }
  const skus = input.skus.map((sku, i) => validateSku(sku, `${field}.skus[${i}]`));
  const seen = new Set<string>();
  skus.forEach((sku, i) => {
    if (seen.has(sku.code))
      throw badInput(`${field}.skus[${i}].code`, `SKU code "${sku.code}" appears twice.`);
    seen.add(sku.code);
  });
  return {
    name: requiredText(input.name, `${field}.name`, MAX_NAME_LENGTH),
    description: description(input.description, `${field}.description`),
    categoryId: uuidArg(input.categoryId, `${field}.categoryId`, "a product category id"),
    status: input.status ?? ProductStatus.ACTIVE,
    skus,
  };
}

/** The fields an update sets (those given), checked. */
export function validateProductChanges(input: UpdateProductCommand, field = "input") {
  return {
    ...(input.name != null ? { name: requiredText(input.name, `${field}.name`, MAX_NAME_LENGTH) } : {}),
    ...(input.description != null
      ? { description: description(input.description, `${field}.description`) }
      : {}),
    ...(input.categoryId != null
      ? { categoryId: uuidArg(input.categoryId, `${field}.categoryId`, "a product category id") }
      : {}),
    ...(input.status != null ? { status: input.status } : {}),
  };
}
