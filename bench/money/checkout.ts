// (3) Checkout under stock contention: ec's `placeShopOrder` (the reservation: order RESERVED, stock
// taken by a conditional UPDATE, inventory_updated in the outbox, one transaction), CHECKOUT_BUYERS at
// once on one SKU, against the same on a SKU with stock for all and a raw conditional UPDATE.
import { randomUUID } from "node:crypto";
import type { Actor } from "@health/platform/auth";
import { AppError } from "@health/platform/errors";
import { createProductCategory } from "../../subgraphs/ec/src/domain/products/categories.ts";
import { createProduct } from "../../subgraphs/ec/src/domain/products/products.ts";
import { shopOrderPaymentSaga } from "../../subgraphs/ec/src/domain/shopOrders/paymentSaga.ts";
import { placeShopOrder } from "../../subgraphs/ec/src/domain/shopOrders/shopOrders.ts";
import { PrismaClient } from "../../subgraphs/ec/src/generated/prisma/client.ts";
import { closedLoop, type LoopResult } from "./closedLoop.ts";
import { freshDatabase } from "./freshDatabase.ts";
import { CHECKOUT_BUYERS, CHECKOUT_STOCK } from "./settings.ts";

type Placement = "reserved" | "conflict";

export interface CheckoutRun {
  loop: LoopResult<Placement>;
  stock: number;
  /** The SKU's stock after the run. */
  stockLeft: number;
}

export interface CheckoutResults {
  contended: CheckoutRun;
  ample: CheckoutRun;
  raw: CheckoutRun;
}

/** ec's default reservation window (SHOP_RESERVATION_WINDOW_SECONDS, 15 min): nothing expires mid-run. */
const RESERVATION_WINDOW_MS = 900_000;

const buyer = (): Actor => ({
  userId: randomUUID(),
  roles: ["user"],
  sessionId: randomUUID(),
  token: "",
  expiresAt: new Date(Date.now() + 3_600_000),
});

export async function benchCheckout(): Promise<CheckoutResults> {
  const database = await freshDatabase("ec", PrismaClient);
  const { db, pool } = database;
  try {
    const shelf = await createProductCategory(db, { name: `Bench shelf ${randomUUID().slice(0, 8)}` });
    const newSku = async (stock: number) => {
      const product = await createProduct(
        db,
        { userId: randomUUID() },
        {
          name: "Bench blood pressure monitor",
          categoryId: shelf.id,
          skus: [{ code: `BENCH-${randomUUID()}`, priceAmount: 19_900, stock }],
        },
      );
      return product.skus[0]!.id;
    };
    const stockOf = async (skuId: string) =>
      (await db.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } })).stock;

    /** Every buyer at once: one order of one unit each, through the domain function. */
    const placeAll = async (stock: number): Promise<CheckoutRun> => {
      const skuId = await newSku(stock);
      const effects = {
        db,
        reservationWindowMs: RESERVATION_WINDOW_MS,
        shopOrderPayment: shopOrderPaymentSaga({ paymentTimeoutMs: RESERVATION_WINDOW_MS }),
      };
      const loop = await closedLoop<Placement>(CHECKOUT_BUYERS, CHECKOUT_BUYERS, async () => {
        try {
          await placeShopOrder(effects, buyer(), { items: [{ skuId, quantity: 1 }] }, new Date());
          return "reserved";
        } catch (error) {
          if (error instanceof AppError && error.code === "CONFLICT") return "conflict";
          throw error;
        }
      });
      return { loop, stock, stockLeft: await stockOf(skuId) };
    };

    console.error(`(3) checkout: ${CHECKOUT_BUYERS} buyers at once, stock ${CHECKOUT_STOCK}…`);
    // A warm-up run (not reported): the first transactions open the pool's connections.
    await placeAll(CHECKOUT_BUYERS);
    const ample = await placeAll(CHECKOUT_BUYERS);
    const contended = await placeAll(CHECKOUT_STOCK);

    const rawSku = await newSku(CHECKOUT_STOCK);
    const raw = await closedLoop<Placement>(CHECKOUT_BUYERS, CHECKOUT_BUYERS, async () => {
      const { rowCount } = await pool.query(
        "UPDATE product_skus SET stock = stock - 1 WHERE id = $1::uuid AND stock >= 1",
        [rawSku],
      );
      return rowCount === 1 ? "reserved" : "conflict";
    });
    return {
      contended,
      ample,
      raw: { loop: raw, stock: CHECKOUT_STOCK, stockLeft: await stockOf(rawSku) },
    };
  } finally {
    await database.close();
  }
}
