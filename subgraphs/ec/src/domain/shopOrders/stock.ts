import type { EcTx } from "../../db.ts";
import type { StockLevel } from "../../events/ecEvents.ts";
import { notEnoughStock } from "./rules.ts";

/** A SKU's stock to take or give back. Callers pass lines sorted by SKU id (locks in one order). */
export interface StockLine {
  skuId: string;
  quantity: number;
}

interface ChangedRow {
  sku_id: string;
  product_id: string;
  stock: number;
}

/**
 * Takes each line's quantity from its SKU with one conditional UPDATE per SKU (never a read-then-write):
 * the row lock makes concurrent orders queue on it, and `stock >= q` is re-checked on the row as it is
 * when the lock is granted. A line that cannot be had throws CONFLICT ("only N left" / "out of stock"),
 * which rolls back the caller's whole transaction. The non-negative trigger stays as the floor.
 */
export async function reserveStock(tx: EcTx, lines: readonly StockLine[]): Promise<StockLevel[]> {
  const changed: ChangedRow[] = [];
  for (const line of lines) {
    const [row] = await tx.$queryRaw<ChangedRow[]>`
      UPDATE product_skus SET stock = stock - ${line.quantity}
       WHERE id = ${line.skuId}::uuid AND stock >= ${line.quantity}
      RETURNING id::text AS sku_id, product_id::text AS product_id, stock`;
    if (!row) {
      const sku = await tx.sku.findUniqueOrThrow({
        where: { id: line.skuId },
        select: { code: true, stock: true },
      });
      throw notEnoughStock(sku.code, line.quantity, sku.stock);
    }
    changed.push(row);
  }
  return stockLevels(tx, changed);
}

/** Gives each line's quantity back to its SKU (an expired or cancelled reservation). */
export async function releaseStock(tx: EcTx, lines: readonly StockLine[]): Promise<StockLevel[]> {
  const changed: ChangedRow[] = [];
  for (const line of lines) {
    const rows = await tx.$queryRaw<ChangedRow[]>`
      UPDATE product_skus SET stock = stock + ${line.quantity} WHERE id = ${line.skuId}::uuid
      RETURNING id::text AS sku_id, product_id::text AS product_id, stock`;
    changed.push(...rows);
  }
  return stockLevels(tx, changed);
}

/** The changed SKUs' levels with their products' totals, as this transaction sees them. */
async function stockLevels(tx: EcTx, changed: readonly ChangedRow[]): Promise<StockLevel[]> {
  const totals = await tx.sku.groupBy({
    by: ["productId"],
    where: { productId: { in: [...new Set(changed.map((row) => row.product_id))] } },
    _sum: { stock: true },
  });
  const byProduct = new Map(totals.map((total) => [total.productId, total._sum.stock ?? 0]));
  return changed.map((row) => ({
    skuId: row.sku_id,
    productId: row.product_id,
    skuAvailable: row.stock,
    productAvailable: byProduct.get(row.product_id) ?? row.stock,
  }));
}
