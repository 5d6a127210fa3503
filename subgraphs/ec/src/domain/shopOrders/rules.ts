import { type Actor, hasRole } from "@health/platform/auth";
import { badInput, conflict } from "@health/platform/errors";
import { uuidArg } from "@health/platform/graphql";
import { ProductStatus } from "../../generated/prisma/enums.ts";

export const MAX_ORDER_ITEMS = 20;
export const MAX_QUANTITY = 99;

export interface ShopOrderItemCommand {
  skuId: string;
  quantity: number;
}

export interface PlaceShopOrderCommand {
  items: ShopOrderItemCommand[];
  idempotencyKey?: string | null;
}

/** A line as checked: the SKU id (lower-case uuid) and how many, with the field it came from. */
export interface WantedItem {
  skuId: string;
  quantity: number;
  field: string;
}

/** What the order needs to know of a SKU it sells. */
export interface SkuOnSale {
  id: string;
  code: string;
  productId: string;
  priceAmount: number;
  currency: string;
  /** As read before the reservation: a line already short is refused without queueing on the row lock. */
  stock: number;
  product: { status: ProductStatus };
}

/** An order line priced from its SKU, ready to write. */
export interface PricedItem {
  skuId: string;
  productId: string;
  quantity: number;
  unitPriceAmount: number;
}

/**
 * The lines of a new order, checked before anything is read or written: 1–20 lines, each a SKU id
 * given once and a whole quantity 1–99 (BAD_USER_INPUT naming the field). Sorted by SKU id: every
 * order locks its SKUs in that order, so two orders for the same SKUs cannot deadlock.
 */
export function validateOrderItems(input: PlaceShopOrderCommand, field = "input"): WantedItem[] {
  if (input.items.length === 0 || input.items.length > MAX_ORDER_ITEMS) {
    throw badInput(`${field}.items`, `${field}.items must hold 1–${MAX_ORDER_ITEMS} lines.`);
  }
  const seen = new Set<string>();
  const items = input.items.map((item, i) => {
    const at = `${field}.items[${i}]`;
    const skuId = uuidArg(item.skuId, `${at}.skuId`, "a SKU id");
    if (seen.has(skuId)) {
      throw badInput(`${at}.skuId`, `SKU ${skuId} appears twice: put the whole quantity on one line.`);
    }
    seen.add(skuId);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY) {
      throw badInput(`${at}.quantity`, `${at}.quantity must be a whole number, 1–${MAX_QUANTITY}.`);
    }
    return { skuId, quantity: item.quantity, field: at };
  });
  return items.sort((a, b) => (a.skuId < b.skuId ? -1 : a.skuId > b.skuId ? 1 : 0));
}

/**
 * Prices the lines from the SKUs as sold now: each must exist and belong to an ACTIVE product, and all
 * must be in one currency (an order is paid in one). Returns the lines and the total.
 */
export function priceOrder(items: readonly WantedItem[], skus: readonly SkuOnSale[]) {
  const byId = new Map(skus.map((sku) => [sku.id, sku]));
  const priced = items.map((item): PricedItem & { currency: string } => {
    const sku = byId.get(item.skuId);
    if (!sku || sku.product.status !== ProductStatus.ACTIVE) {
      throw badInput(`${item.field}.skuId`, `SKU ${item.skuId} does not exist or is not on sale.`);
    }
    // A fast refusal only: the reservation's conditional UPDATE is what guarantees the stock.
    if (sku.stock < item.quantity) throw notEnoughStock(sku.code, item.quantity, sku.stock);
    return {
      skuId: sku.id,
      productId: sku.productId,
      quantity: item.quantity,
      unitPriceAmount: sku.priceAmount,
      currency: sku.currency,
    };
  });
  const currency = priced[0]?.currency;
  const other = priced.findIndex((item) => item.currency !== currency);
  if (!currency || other >= 0) {
    const at = items[other]?.field ?? "input";
    throw badInput(`${at}.skuId`, `An order is paid in one currency: this SKU is not in ${currency}.`);
  }
  const totalAmount = priced.reduce((sum, item) => sum + item.quantity * item.unitPriceAmount, 0);
  if (!Number.isSafeInteger(totalAmount) || totalAmount > 2_147_483_647) {
    throw badInput("input.items", "The order's total is too large; split it into several orders.");
  }
  return {
    items: priced.map(({ currency: _currency, ...item }) => item),
    totalAmount,
    currency,
  };
}

/** The refusal of a line whose SKU has fewer than `quantity` units left (`left` as read after waiting). */
export const notEnoughStock = (code: string, quantity: number, left: number) =>
  conflict(
    left > 0
      ? `SKU ${code}: only ${left} left, fewer than the ${quantity} asked for. Nothing was reserved.`
      : `SKU ${code} is out of stock. Nothing was reserved.`,
    { available: left },
  );

/** A shop order is seen by its buyer and by admins; to anyone else it does not exist (no IDOR). */
export const canViewShopOrder = (actor: Actor, order: { buyerId: string }): boolean =>
  order.buyerId === actor.userId || hasRole(actor, "admin");
