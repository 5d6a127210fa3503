import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueReservations } from "../src/domain/shopOrders/shopOrders.ts";
import { type EcHarness, startEcSubgraph } from "./harness.ts";

let h: EcHarness;
beforeAll(async () => {
  h = await startEcSubgraph();
});
afterAll(() => h?.close());

const PLACE = `mutation Place($input: PlaceShopOrderInput!) {
  placeShopOrder(input: $input) {
    id status totalAmount currency reservedUntil buyer { id }
    items { quantity unitPriceAmount sku { id } }
  }
}`;
const CANCEL = `mutation Cancel($id: ID!) { cancelShopOrder(id: $id) { id status } }`;
const ORDER = `query Order($id: ID!) { shopOrder(id: $id) { id status } }`;
const ORDERS = `query Orders($first: Int, $after: String, $buyerId: ID) {
  shopOrders(first: $first, after: $after, buyerId: $buyerId) {
    nodes { id } pageInfo { endCursor hasNextPage }
  }
}`;

type Result<T> = { data?: T | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
type Placed = { placeShopOrder: { id: string; status: string; totalAmount: number; reservedUntil: string } };

const place = (token: string, items: { skuId: string; quantity: number }[]) =>
  h.request<Placed>(PLACE, { input: { items } }, token) as Promise<Result<Placed>>;

const stockOf = async (skuId: string) =>
  (await h.db.sku.findUniqueOrThrow({ where: { id: skuId }, select: { stock: true } })).stock;

const inventoryEvents = (skuId: string) =>
  h.db.outboxEvent.findMany({
    where: {
      subject: { contains: "inventory_updated" },
      envelope: { path: ["payload", "skuId"], equals: skuId },
    },
    orderBy: { createdAt: "asc" },
  });

describe("placing shop orders", () => {
  it("sells exactly the stock to 1,000 concurrent buyers: 100 reserved, 900 clear CONFLICTs", async () => {
    const skuId = await h.sku(100);
    const buyers = await Promise.all(Array.from({ length: 20 }, () => h.person()));
    const results = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        place((buyers[i % buyers.length] as { token: string }).token, [{ skuId, quantity: 1 }]),
      ),
    );
    const placed = results.filter((result) => result.data?.placeShopOrder);
    const refused = results.filter((result) => result.errors);
    expect(placed).toHaveLength(100);
    expect(placed.every((result) => result.data?.placeShopOrder.status === "RESERVED")).toBe(true);
    expect(refused).toHaveLength(900);
    for (const result of refused) {
      expect(result.errors?.[0]?.extensions?.code).toBe("CONFLICT");
      expect(result.errors?.[0]?.message).toMatch(/out of stock|only \d+ left/);
    }
    expect(await stockOf(skuId)).toBe(0);
    expect(await h.db.shopOrderItem.count({ where: { skuId } })).toBe(100);
    expect(await h.db.sku.count({ where: { stock: { lt: 0 } } })).toBe(0);
    expect(await inventoryEvents(skuId)).toHaveLength(100);
  }, 120_000);

  it("reserves nothing when the second line is short, and says how many are left", async () => {
    const plenty = await h.sku(10);
    const scarce = await h.sku(2);
    const buyer = await h.person();
    const result = await place(buyer.token, [
      { skuId: plenty, quantity: 5 },
      { skuId: scarce, quantity: 3 },
    ]);
    expect(result.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(result.errors?.[0]?.message).toMatch(/only 2 left/);
    expect(await stockOf(plenty)).toBe(10);
    expect(await stockOf(scarce)).toBe(2);
    expect(await h.db.shopOrder.count({ where: { buyerId: buyer.id } })).toBe(0);
    expect(await inventoryEvents(plenty)).toHaveLength(0);
  });

  it("copies prices, totals the order and writes inventory_updated per SKU", async () => {
    const a = await h.sku(5, { priceAmount: 1_000 });
    const b = await h.sku(5, { priceAmount: 250 });
    const buyer = await h.person();
    const result = await place(buyer.token, [
      { skuId: a, quantity: 2 },
      { skuId: b, quantity: 4 },
    ]);
    expect(result.data?.placeShopOrder).toMatchObject({
      status: "RESERVED",
      totalAmount: 3_000,
      currency: "CNY",
    });
    const until = new Date(result.data?.placeShopOrder.reservedUntil as string).getTime();
    expect(until - Date.now()).toBeGreaterThan(890_000);
    const [event] = await inventoryEvents(b);
    expect(event?.envelope).toMatchObject({
      name: "inventory_updated",
      actorId: buyer.id,
      payload: { skuId: b, skuAvailable: 1, available: 1 },
    });
  });

  it("refuses bad input naming the field, before any write", async () => {
    const buyer = await h.person();
    const skuId = await h.sku(5);
    const cases: [unknown[], string][] = [
      [[], "input.items"],
      [[{ skuId, quantity: 0 }], "input.items[0].quantity"],
      [[{ skuId: "x", quantity: 1 }], "input.items[0].skuId"],
      [[{ skuId: "00000000-0000-4000-8000-000000000000", quantity: 1 }], "input.items[0].skuId"],
    ];
    for (const [items, field] of cases) {
      const result = await h.request(PLACE, { input: { items } }, buyer.token);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await stockOf(skuId)).toBe(5);
    expect(
      (await h.request(PLACE, { input: { items: [{ skuId, quantity: 1 }] } })).errors?.[0]?.extensions?.code,
    ).toBe("UNAUTHENTICATED");
  });
});

describe("releasing reservations", () => {
  it("expires an unpaid reservation once and gives its stock back; a second sweep changes nothing", async () => {
    const skuId = await h.sku(3);
    const buyer = await h.person();
    const placed = await place(buyer.token, [{ skuId, quantity: 2 }]);
    const id = placed.data?.placeShopOrder.id as string;
    expect(await stockOf(skuId)).toBe(1);
    const effects = { db: h.db, reservationWindowMs: h.deps.reservationWindowMs };
    expect(await expireOverdueReservations(effects, new Date())).not.toContain(id);
    const later = new Date(Date.now() + h.deps.reservationWindowMs + 1_000);
    const [first, second] = await Promise.all([
      expireOverdueReservations(effects, later),
      expireOverdueReservations(effects, later),
    ]);
    expect([...first, ...second].filter((expired) => expired === id)).toHaveLength(1);
    expect(await expireOverdueReservations(effects, later)).toEqual([]);
    expect(await stockOf(skuId)).toBe(3);
    expect(
      (await h.request<{ shopOrder: { status: string } }>(ORDER, { id }, buyer.token)).data?.shopOrder.status,
    ).toBe("EXPIRED");
    expect(
      (await inventoryEvents(skuId)).map(
        (event) => (event.envelope as { payload: { skuAvailable: number } }).payload.skuAvailable,
      ),
    ).toEqual([1, 3]);
    const cancel = await h.request(CANCEL, { id }, buyer.token);
    expect(cancel.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentState: "EXPIRED" });
  });

  it("lets the buyer cancel a reservation once, giving its stock back", async () => {
    const skuId = await h.sku(4);
    const buyer = await h.person();
    const placed = await place(buyer.token, [{ skuId, quantity: 3 }]);
    const id = placed.data?.placeShopOrder.id as string;
    const [a, b] = await Promise.all([
      h.request(CANCEL, { id }, buyer.token),
      h.request(CANCEL, { id }, buyer.token),
    ]);
    const outcomes = [a, b].map((result) => result.errors?.[0]?.extensions?.code ?? "OK").sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    expect(await stockOf(skuId)).toBe(4);
    expect(await inventoryEvents(skuId)).toHaveLength(2);
  });
});

describe("reading shop orders", () => {
  it("shows an order to its buyer and admins only (NOT_FOUND to anyone else), and pages the buyer's own", async () => {
    const skuId = await h.sku(10);
    const buyer = await h.person();
    const stranger = await h.person();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await place(buyer.token, [{ skuId, quantity: 1 }])).data?.placeShopOrder.id as string);
    const [id] = ids as [string];
    expect((await h.request(ORDER, { id }, stranger.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await h.request(CANCEL, { id }, stranger.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect(await h.asAdmin<{ shopOrder: { id: string } }>(ORDER, { id })).toEqual({
      shopOrder: { id, status: "RESERVED" },
    });

    type Orders = {
      shopOrders: { nodes: { id: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
    };
    const first = await h.request<Orders>(ORDERS, { first: 2 }, buyer.token);
    const rest = await h.request<Orders>(
      ORDERS,
      { first: 2, after: first.data?.shopOrders.pageInfo.endCursor },
      buyer.token,
    );
    expect(
      [...(first.data?.shopOrders.nodes ?? []), ...(rest.data?.shopOrders.nodes ?? [])].map(
        (node) => node.id,
      ),
    ).toEqual([...ids].reverse());
    expect(first.data?.shopOrders.pageInfo.hasNextPage).toBe(true);
    expect(rest.data?.shopOrders.pageInfo.hasNextPage).toBe(false);
    expect((await h.request<Orders>(ORDERS, {}, stranger.token)).data?.shopOrders.nodes).toEqual([]);
    expect(
      (await h.request(ORDERS, { buyerId: buyer.id }, stranger.token)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");
    const asAdmin = await h.asAdmin<Orders>(ORDERS, { buyerId: buyer.id });
    expect(asAdmin.shopOrders.nodes).toHaveLength(3);
  });
});
