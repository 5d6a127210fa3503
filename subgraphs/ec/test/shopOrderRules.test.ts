import { describe, expect, it } from "vitest";
import { priceOrder, validateOrderItems } from "../src/domain/shopOrders/rules.ts";
import {
  canTransition,
  isReservationOverdue,
  reservationDeadline,
  transition,
} from "../src/domain/shopOrders/stateMachine.ts";
import { ProductStatus, ShopOrderStatus } from "../src/generated/prisma/enums.ts";

const A = "00000000-0000-4000-8000-00000000000a";
const B = "00000000-0000-4000-8000-00000000000b";

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error("no error");
};

describe("shop order state machine", () => {
  it("allows the paid path, release from RESERVED, and a buyer's cancellation before fulfilment", () => {
    expect(canTransition(ShopOrderStatus.RESERVED, ShopOrderStatus.PAID)).toBe(true);
    expect(canTransition(ShopOrderStatus.PAID, ShopOrderStatus.FULFILLED)).toBe(true);
    expect(canTransition(ShopOrderStatus.FULFILLED, ShopOrderStatus.DELIVERED)).toBe(true);
    expect(canTransition(ShopOrderStatus.RESERVED, ShopOrderStatus.EXPIRED)).toBe(true);
    expect(canTransition(ShopOrderStatus.RESERVED, ShopOrderStatus.CANCELLED)).toBe(true);
    // PAID → CANCELLED gives the stock back and has finance refund; once fulfilled it is too late.
    expect(canTransition(ShopOrderStatus.PAID, ShopOrderStatus.CANCELLED)).toBe(true);
    expect(canTransition(ShopOrderStatus.FULFILLED, ShopOrderStatus.CANCELLED)).toBe(false);
    expect(canTransition(ShopOrderStatus.RESERVED, ShopOrderStatus.FULFILLED)).toBe(false);
    expect(canTransition(ShopOrderStatus.EXPIRED, ShopOrderStatus.PAID)).toBe(false);
  });

  it("refuses an illegal move with CONFLICT naming the current state", () => {
    expect(fieldOf(() => transition(A, ShopOrderStatus.EXPIRED, ShopOrderStatus.CANCELLED))).toMatchObject({
      code: "CONFLICT",
      currentState: "EXPIRED",
    });
    expect(() => transition(A, ShopOrderStatus.DELIVERED, ShopOrderStatus.CANCELLED)).toThrow(
      /is DELIVERED: it cannot become CANCELLED \(it is final\)/,
    );
  });

  it("puts the reservation deadline a window after placing, overdue at it", () => {
    const placed = new Date("2026-01-01T00:00:00Z");
    const until = reservationDeadline(placed, 900_000);
    expect(until.toISOString()).toBe("2026-01-01T00:15:00.000Z");
    expect(isReservationOverdue(until, new Date(until.getTime() - 1))).toBe(false);
    expect(isReservationOverdue(until, until)).toBe(true);
  });
});

describe("shop order input", () => {
  it("sorts lines by SKU id (the lock order)", () => {
    const items = validateOrderItems({
      items: [
        { skuId: B, quantity: 1 },
        { skuId: A.toUpperCase(), quantity: 2 },
      ],
    });
    expect(items.map((item) => item.skuId)).toEqual([A, B]);
  });

  it.each([
    [{ items: [] }, "input.items"],
    [
      {
        items: Array.from({ length: 21 }, (_, i) => ({
          skuId: A.replace(/a$/, i.toString(16)),
          quantity: 1,
        })),
      },
      "input.items",
    ],
    [{ items: [{ skuId: "nope", quantity: 1 }] }, "input.items[0].skuId"],
    [{ items: [{ skuId: A, quantity: 0 }] }, "input.items[0].quantity"],
    [{ items: [{ skuId: A, quantity: 100 }] }, "input.items[0].quantity"],
    [{ items: [{ skuId: A, quantity: 1.5 }] }, "input.items[0].quantity"],
    [
      {
        items: [
          { skuId: A, quantity: 1 },
          { skuId: A, quantity: 2 },
        ],
      },
      "input.items[1].skuId",
    ],
  ])("refuses %j naming %s", (input, field) => {
    expect(fieldOf(() => validateOrderItems(input))).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  const sku = (id: string, currency = "CNY", status: ProductStatus = ProductStatus.ACTIVE) => ({
    id,
    code: id.slice(-2),
    productId: id,
    priceAmount: 1_250,
    currency,
    product: { status },
  });

  it("prices lines from the SKUs as sold, in integer minor units", () => {
    const wanted = validateOrderItems({
      items: [
        { skuId: A, quantity: 3 },
        { skuId: B, quantity: 1 },
      ],
    });
    expect(priceOrder(wanted, [sku(A), sku(B)])).toMatchObject({ totalAmount: 5_000, currency: "CNY" });
  });

  it("refuses unknown or unlisted SKUs and mixed currencies, naming the line", () => {
    const wanted = validateOrderItems({
      items: [
        { skuId: B, quantity: 1 },
        { skuId: A, quantity: 1 },
      ],
    });
    expect(fieldOf(() => priceOrder(wanted, [sku(A)]))).toMatchObject({ field: "input.items[0].skuId" });
    expect(fieldOf(() => priceOrder(wanted, [sku(A), sku(B, "CNY", ProductStatus.DRAFT)]))).toMatchObject({
      field: "input.items[0].skuId",
    });
    expect(fieldOf(() => priceOrder(wanted, [sku(A), sku(B, "USD")]))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.items[0].skuId",
    });
  });
});
